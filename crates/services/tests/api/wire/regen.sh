#!/bin/sh
# Regenerates the reference encodings with the real protobuf compiler:
#   apt-get install -y protobuf-compiler   (protoc 3.21 on Debian 12)
# Each NAME.txtpb starts with '# TYPE FILE'; protoc --encode reads the text format and writes
# the binary encoding to NAME.bin. goscope's encoder must produce exactly these bytes from
# NAME.json (crates/services/tests/api_wire.rs).
set -eu
cd "$(dirname "$0")"
PROTO=../../../src/api/proto
for t in *.txtpb; do
  name=${t%.txtpb}
  set -- $(head -1 "$t")
  protoc --encode="$2" -I "$PROTO" -I "$PROTO/test" -I "$PROTO/user/v1" -I /usr/include "$3" < "$t" > "$name.bin"
done
