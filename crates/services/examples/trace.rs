//! Prints the trace of one run: `cargo run -p services --example trace -- tcc timeout@2 [seed]`.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let strategy = args
        .first()
        .and_then(|s| services::Strategy::from_code(s))
        .unwrap_or(services::Strategy::SagaOrchestrated);
    let mut plan = services::FaultPlan::none();
    let mut guards = services::Guards::default();
    for arg in args.iter().skip(1) {
        if let Some((kind, at)) = arg.split_once('@') {
            let at: usize = at.parse().unwrap_or(1);
            match kind {
                "fail" => plan.steps[at - 1] = services::StepFault::Fail,
                "timeout" => plan.steps[at - 1] = services::StepFault::Timeout,
                "duplicate" => plan.steps[at - 1] = services::StepFault::Duplicate,
                "crash" => plan.crash_after = Some(at as u8),
                _ => {}
            }
        }
        match arg.as_str() {
            "no-empty" => guards.empty_rollback = false,
            "no-suspension" => guards.suspension = false,
            "no-idempotency" => guards.idempotency = false,
            _ => {}
        }
    }
    let seed = args.last().and_then(|s| s.parse().ok()).unwrap_or(1);
    let mut config = services::Config::new(strategy, plan);
    config.guards = guards;
    let rec = services::run_to_end(config, seed);
    print!("{}", rec.trace());
}
