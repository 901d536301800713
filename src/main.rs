use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = kqlhunt::cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("kqlhunt: cannot start: {e}");
            return std::process::ExitCode::from(1);
        }
    };
    let exit = runtime.block_on(kqlhunt::cli::run(cli));
    std::process::ExitCode::from(exit as u8)
}
