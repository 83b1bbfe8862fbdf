//! The lab's manifests: the seed's CRD (chapter 4.3) exactly as the course gives it — with
//! the indentation its web page lost put back — the lab's fuller CRD, and a sample Database.
//! Both CRDs register the same kind, so the lab offers one or the other.

/// The seed's CRD (chapter 4.3), with the indentation the course's page lost restored.
pub const SEED_CRD: &str = "# database-crd.yaml (chapter 4.3)
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: databases.example.com
spec:
  group: example.com
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              replicas: { type: integer, minimum: 1, maximum: 10 }
  scope: Namespaced
  names:
    plural: databases
    singular: database
    kind: Database
    shortNames: [db]
";

/// The lab's CRD: the seed's, plus what an operator usually declares — a `version` enum with
/// a default, `replicas` required, a status schema and subresource, a scale subresource and
/// printer columns.
pub const LAB_CRD: &str = "# database-crd.yaml: the seed's CRD plus status, scale and columns
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: databases.example.com
spec:
  group: example.com
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [replicas]
            properties:
              replicas: { type: integer, minimum: 1, maximum: 10 }
              version: { type: string, enum: [\"14\", \"15\", \"16\"], default: \"16\" }
          status:
            type: object
            x-kubernetes-preserve-unknown-fields: true
    subresources:
      status: {}
      scale:
        specReplicasPath: .spec.replicas
        statusReplicasPath: .status.readyReplicas
    additionalPrinterColumns:
    - name: Replicas
      type: integer
      jsonPath: .spec.replicas
    - name: Ready
      type: integer
      jsonPath: .status.readyReplicas
    - name: Phase
      type: string
      jsonPath: .status.phase
  scope: Namespaced
  names:
    plural: databases
    singular: database
    kind: Database
    shortNames: [db]
";

/// A Database with three replicas.
pub const SAMPLE_DB: &str = "apiVersion: example.com/v1
kind: Database
metadata:
  name: my-db
  namespace: default
spec:
  replicas: 3
";
