//! The signed JWT a certificate credential sends instead of a secret: PS256, with the
//! certificate's SHA-256 thumbprint in `x5t#S256`, addressed to the token endpoint.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::{RsaKeyPair, RSA_PSS_SHA256};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use super::{AuthError, Secret};

/// A loaded certificate credential: the DER certificate's thumbprint and its RSA key.
pub(crate) struct CertificateKey {
    thumbprint_s256: String,
    key: RsaKeyPair,
}

impl CertificateKey {
    pub fn load(certificate: &Path, private_key: &Path) -> Result<CertificateKey, AuthError> {
        crate::files::check_private(private_key).map_err(AuthError::Setup)?;
        let cert = CertificateDer::from_pem_file(certificate).map_err(|e| {
            AuthError::Setup(format!(
                "no PEM certificate in {}: {e}",
                certificate.display()
            ))
        })?;
        let key = PrivateKeyDer::from_pem_file(private_key).map_err(|e| {
            AuthError::Setup(format!(
                "no unencrypted PEM private key in {}: {e} (decrypt it with `openssl pkey -in KEY -out KEY.pem`)",
                private_key.display()
            ))
        })?;
        let key = match &key {
            PrivateKeyDer::Pkcs8(k) => RsaKeyPair::from_pkcs8(k.secret_pkcs8_der()),
            PrivateKeyDer::Pkcs1(k) => RsaKeyPair::from_der(k.secret_pkcs1_der()),
            _ => {
                return Err(AuthError::Setup(format!(
                    "{} holds an EC key: Entra ID certificate credentials use RSA",
                    private_key.display()
                )))
            }
        }
        .map_err(|e| {
            AuthError::Setup(format!(
                "the private key in {} is not a usable RSA key: {e}",
                private_key.display()
            ))
        })?;
        let digest = ring::digest::digest(&ring::digest::SHA256, cert.as_ref());
        Ok(CertificateKey {
            thumbprint_s256: B64.encode(digest.as_ref()),
            key,
        })
    }

    /// A fresh assertion for `audience` (the token endpoint URL), valid for ten minutes.
    pub fn assertion(&self, client_id: &str, audience: &str) -> Result<Secret, AuthError> {
        let rng = SystemRandom::new();
        let mut jti = [0u8; 16];
        rng.fill(&mut jti)
            .map_err(|_| AuthError::Setup("no randomness available".into()))?;
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        let header =
            serde_json::json!({ "alg": "PS256", "typ": "JWT", "x5t#S256": self.thumbprint_s256 });
        let claims = serde_json::json!({
            "aud": audience,
            "iss": client_id,
            "sub": client_id,
            "jti": jti.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            "nbf": now,
            "iat": now,
            "exp": now + 600,
        });
        let signing_input = format!(
            "{}.{}",
            B64.encode(header.to_string()),
            B64.encode(claims.to_string())
        );
        let mut signature = vec![0u8; self.key.public().modulus_len()];
        self.key
            .sign(
                &RSA_PSS_SHA256,
                &rng,
                signing_input.as_bytes(),
                &mut signature,
            )
            .map_err(|_| AuthError::Setup("signing the client assertion failed".into()))?;
        Ok(Secret::new(format!(
            "{signing_input}.{}",
            B64.encode(signature)
        )))
    }
}
