#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("{0}")]
    Setup(String),

    #[error("sign-in refused by the identity platform (HTTP {status}, {error}): {description}")]
    Refused {
        status: u16,
        error: String,
        description: String,
    },

    #[error(
        "no saved sign-in for profile '{profile}': run `kqlhunt login --profile {profile}` first"
    )]
    LoginRequired { profile: String },

    #[error("the device code sign-in ended: {0}. Run `kqlhunt login` again")]
    DeviceCodeEnded(String),

    #[error("Azure CLI: {0}")]
    AzureCli(String),

    #[error("could not reach the sign-in service at {url}: {reason}")]
    Network { url: String, reason: String },

    #[error("sign-in cancelled")]
    Cancelled,
}
