//! `geo_info_from_ip_address()` from a small embedded table. The service reads MaxMind's
//! GeoLite2 City data; the demo tenant cannot ship that, so it knows the networks its own
//! data uses (`src/emulator/data`) and the documentation's examples. An address it does not
//! know, like a private, loopback or documentation address the service has no place for,
//! gives null, which `isempty()` tests.

use std::net::IpAddr;

use serde_json::json;

use super::{arg, ScalarFn};
use crate::engine::scalar::Scalar;

pub fn lookup(name: &str) -> Option<(ScalarFn, usize, usize)> {
    Some(match name {
        "geo_info_from_ip_address" => (geo_info, 1, 1),
        _ => return None,
    })
}

/// (network, prefix length, country, state, city, latitude, longitude)
#[rustfmt::skip]
const PLACES: &[(&str, u8, &str, &str, &str, f64, f64)] = &[
    // The documentation's own examples.
    ("20.53.203.0", 24, "Australia", "New South Wales", "Sydney", -33.8715, 151.2006),
    ("2a03:2880:f12c::", 48, "United States", "Florida", "Boca Raton", 26.3594, -80.0771),
    // Cloud and web services the demo's devices reach.
    ("13.107.0.0", 16, "United States", "Washington", "Redmond", 47.6801, -122.1206),
    ("20.42.0.0", 16, "United States", "Virginia", "Boydton", 36.6676, -78.3875),
    ("20.190.128.0", 18, "United States", "Virginia", "Boydton", 36.6676, -78.3875),
    ("52.96.0.0", 14, "United States", "Virginia", "Boydton", 36.6676, -78.3875),
    ("52.112.0.0", 14, "United States", "Washington", "Redmond", 47.6801, -122.1206),
    ("204.79.197.0", 24, "United States", "Washington", "Redmond", 47.6801, -122.1206),
    ("142.250.0.0", 15, "Germany", "Hesse", "Frankfurt am Main", 50.1188, 8.6843),
    ("140.82.112.0", 20, "Germany", "Hesse", "Frankfurt am Main", 50.1188, 8.6843),
    ("91.198.174.0", 24, "Netherlands", "North Holland", "Amsterdam", 52.3759, 4.8975),
    ("209.216.230.0", 24, "United States", "California", "San Diego", 32.7157, -117.1647),
    ("31.216.144.0", 21, "Luxembourg", "Luxembourg", "Luxembourg", 49.6117, 6.13),
    // The intrusion: the phishing sender and the command-and-control server.
    ("193.29.57.0", 24, "Russia", "Moscow", "Moscow", 55.7522, 37.6156),
    ("185.225.73.0", 24, "Moldova", "Chișinău Municipality", "Chisinau", 47.0056, 28.8575),
];

fn network(ip: IpAddr) -> u128 {
    match ip {
        IpAddr::V4(v4) => u128::from(v4.to_ipv6_mapped()),
        IpAddr::V6(v6) => u128::from(v6),
    }
}

fn prefix_bits(ip: IpAddr, prefix: u8) -> u32 {
    match ip {
        IpAddr::V4(_) => 96 + u32::from(prefix),
        IpAddr::V6(_) => u32::from(prefix),
    }
}

fn geo_info(a: &[Scalar]) -> Scalar {
    let Some(text) = arg(a, 0).to_text() else {
        return Scalar::Null;
    };
    let Ok(ip) = text.trim().parse::<IpAddr>() else {
        return Scalar::Null;
    };
    let address = network(ip);
    for (net, prefix, country, state, city, latitude, longitude) in PLACES {
        let Ok(net) = net.parse::<IpAddr>() else {
            continue;
        };
        if net.is_ipv4() != ip.is_ipv4() {
            continue;
        }
        let bits = prefix_bits(net, *prefix);
        let mask = u128::MAX << (128 - bits);
        if address & mask == network(net) & mask {
            return Scalar::from_json(json!({
                "country": country,
                "state": state,
                "city": city,
                "latitude": latitude,
                "longitude": longitude,
            }));
        }
    }
    Scalar::Null
}
