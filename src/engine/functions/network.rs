//! IPv4 and IPv6 addresses: parsing, comparing with a prefix, ranges, and finding addresses in
//! text, as Kusto's `ipv4_*`/`ipv6_*` functions do. An address that does not parse gives null.

use std::net::{Ipv4Addr, Ipv6Addr};

use serde_json::Value as Json;

use super::{arg, ScalarFn};
use crate::engine::scalar::Scalar;

pub fn lookup(name: &str) -> Option<(ScalarFn, usize, usize)> {
    Some(match name {
        "parse_ipv4" => (
            |a| v4(a, 0, 32).map_or(Scalar::Null, |n| Scalar::Long(n.into())),
            1,
            1,
        ),
        "parse_ipv4_mask" => (
            |a| v4_masked(a, 0, 1).map_or(Scalar::Null, |n| Scalar::Long(n.into())),
            2,
            2,
        ),
        "ipv4_compare" => (|a| v4_compare(a).map_or(Scalar::Null, Scalar::Long), 2, 3),
        "ipv4_is_match" => (
            |a| v4_compare(a).map_or(Scalar::Null, |c| Scalar::Bool(c == 0)),
            2,
            3,
        ),
        "ipv4_is_in_range" => (
            |a| v4_in(arg(a, 0), arg(a, 1)).map_or(Scalar::Null, Scalar::Bool),
            2,
            2,
        ),
        "ipv4_is_in_any_range" => (|a| in_any(a, v4_in), 2, 64),
        "ipv4_netmask_suffix" => (
            |a| cidr4(arg(a, 0)).map_or(Scalar::Null, |(_, p)| Scalar::Long(p.into())),
            1,
            1,
        ),
        "format_ipv4" => (format_ipv4, 1, 2),
        "format_ipv4_mask" => (format_ipv4_mask, 2, 2),
        "parse_ipv6" => (
            |a| cidr6(arg(a, 0)).map_or(Scalar::Null, |(ip, p)| Scalar::str(&full6(mask6(ip, p)))),
            1,
            1,
        ),
        "parse_ipv6_mask" => (parse_ipv6_mask, 2, 2),
        "ipv6_compare" => (|a| v6_compare(a).map_or(Scalar::Null, Scalar::Long), 2, 3),
        "ipv6_is_match" => (
            |a| v6_compare(a).map_or(Scalar::Null, |c| Scalar::Bool(c == 0)),
            2,
            3,
        ),
        "ipv6_is_in_range" => (
            |a| v6_in(arg(a, 0), arg(a, 1)).map_or(Scalar::Null, Scalar::Bool),
            2,
            2,
        ),
        "ipv6_is_in_any_range" => (|a| in_any(a, v6_in), 2, 64),
        "has_ipv4" => (|a| has_v4(a, false), 2, 2),
        "has_ipv4_prefix" => (|a| has_v4(a, true), 2, 2),
        "has_any_ipv4" => (|a| has_any_v4(a, false), 2, 64),
        "has_any_ipv4_prefix" => (|a| has_any_v4(a, true), 2, 64),
        _ => return None,
    })
}

/// `a.b.c.d` or `a.b.c.d/p` (p in 0..=32), as its number and prefix.
fn cidr4(value: &Scalar) -> Option<(u32, u32)> {
    let text = value.to_text()?;
    let (ip, prefix) = match text.trim().split_once('/') {
        Some((ip, p)) => (ip, p.trim().parse::<u32>().ok().filter(|p| *p <= 32)?),
        None => (text.trim(), 32),
    };
    Some((u32::from(ip.trim().parse::<Ipv4Addr>().ok()?), prefix))
}

fn mask4(ip: u32, prefix: u32) -> u32 {
    match prefix {
        0 => 0,
        p => ip & (u32::MAX << (32 - p.min(32))),
    }
}

/// Argument `i` as a number, masked to its own prefix or to `most` bits.
fn v4(a: &[Scalar], i: usize, most: u32) -> Option<u32> {
    let (ip, prefix) = cidr4(arg(a, i))?;
    Some(mask4(ip, prefix.min(most)))
}

fn v4_masked(a: &[Scalar], ip: usize, prefix: usize) -> Option<u32> {
    let prefix = u32::try_from(arg(a, prefix).as_i64()?)
        .ok()
        .filter(|p| *p <= 32)?;
    v4(a, ip, prefix)
}

/// -1, 0 or 1, comparing the two addresses on the shortest of their prefixes and the third
/// argument.
fn v4_compare(a: &[Scalar]) -> Option<i64> {
    let (x, px) = cidr4(arg(a, 0))?;
    let (y, py) = cidr4(arg(a, 1))?;
    let mut prefix = px.min(py);
    if a.len() > 2 {
        prefix = prefix.min(
            u32::try_from(arg(a, 2).as_i64()?)
                .ok()
                .filter(|p| *p <= 32)?,
        );
    }
    Some(mask4(x, prefix).cmp(&mask4(y, prefix)) as i64)
}

fn v4_in(ip: &Scalar, range: &Scalar) -> Option<bool> {
    let (ip, _) = cidr4(ip)?;
    let (base, prefix) = cidr4(range)?;
    Some(mask4(ip, prefix) == mask4(base, prefix))
}

/// The address in any of the ranges: one dynamic array of them, or several arguments.
fn in_any(a: &[Scalar], test: fn(&Scalar, &Scalar) -> Option<bool>) -> Scalar {
    let mut ranges = Vec::new();
    for value in &a[1..] {
        match value {
            Scalar::Dynamic(j) if j.is_array() => ranges.extend(
                j.as_array()
                    .into_iter()
                    .flatten()
                    .map(|r| Scalar::from_json(r.clone())),
            ),
            other => ranges.push(other.clone()),
        }
    }
    Scalar::any_true(ranges.iter().map(|range| test(arg(a, 0), range)))
}

fn dotted(ip: u32) -> String {
    Ipv4Addr::from(ip).to_string()
}

/// A number or a text address, and the prefix to mask it with.
fn format_v4_input(a: &[Scalar]) -> Option<(u32, u32)> {
    let (ip, own) = match arg(a, 0) {
        Scalar::Long(n) => (u32::try_from(*n).ok()?, 32),
        other => cidr4(other)?,
    };
    let prefix = match a.get(1) {
        Some(p) => u32::try_from(p.as_i64()?).ok().filter(|p| *p <= 32)?,
        None => 32,
    };
    Some((mask4(ip, own.min(prefix)), prefix))
}

fn format_ipv4(a: &[Scalar]) -> Scalar {
    format_v4_input(a).map_or(Scalar::str(""), |(ip, _)| Scalar::str(&dotted(ip)))
}

fn format_ipv4_mask(a: &[Scalar]) -> Scalar {
    format_v4_input(a).map_or(Scalar::str(""), |(ip, prefix)| {
        Scalar::str(&format!("{}/{prefix}", dotted(ip)))
    })
}

/// An IPv6 (or IPv4, mapped) address with an optional `/p` prefix.
fn cidr6(value: &Scalar) -> Option<(u128, u32)> {
    let text = value.to_text()?;
    let text = text.trim();
    let (ip, prefix) = match text.split_once('/') {
        Some((ip, p)) => (ip.trim(), Some(p.trim().parse::<u32>().ok()?)),
        None => (text, None),
    };
    if let Ok(v4) = ip.parse::<Ipv4Addr>() {
        // An IPv4 address is its IPv6 mapping; its prefix counts from the mapping's 96 bits.
        let prefix = prefix.map_or(Some(128), |p| (p <= 32).then_some(96 + p))?;
        return Some((u128::from(v4.to_ipv6_mapped()), prefix));
    }
    let prefix = prefix.unwrap_or(128);
    (prefix <= 128).then_some(())?;
    Some((u128::from(ip.parse::<Ipv6Addr>().ok()?), prefix))
}

fn mask6(ip: u128, prefix: u32) -> u128 {
    match prefix {
        0 => 0,
        p => ip & (u128::MAX << (128 - p.min(128))),
    }
}

/// Eight groups of four hex digits, as `parse_ipv6` writes an address.
fn full6(ip: u128) -> String {
    Ipv6Addr::from(ip)
        .segments()
        .iter()
        .map(|s| format!("{s:04x}"))
        .collect::<Vec<_>>()
        .join(":")
}

fn parse_ipv6_mask(a: &[Scalar]) -> Scalar {
    let Some((ip, own)) = cidr6(arg(a, 0)) else {
        return Scalar::Null;
    };
    let Some(prefix) = arg(a, 1)
        .as_i64()
        .and_then(|p| u32::try_from(p).ok())
        .filter(|p| *p <= 128)
    else {
        return Scalar::Null;
    };
    Scalar::str(&full6(mask6(ip, own.min(prefix))))
}

fn v6_compare(a: &[Scalar]) -> Option<i64> {
    let (x, px) = cidr6(arg(a, 0))?;
    let (y, py) = cidr6(arg(a, 1))?;
    let mut prefix = px.min(py);
    if a.len() > 2 {
        prefix = prefix.min(
            u32::try_from(arg(a, 2).as_i64()?)
                .ok()
                .filter(|p| *p <= 128)?,
        );
    }
    Some(mask6(x, prefix).cmp(&mask6(y, prefix)) as i64)
}

fn v6_in(ip: &Scalar, range: &Scalar) -> Option<bool> {
    let (ip, _) = cidr6(ip)?;
    let (base, prefix) = cidr6(range)?;
    Some(mask6(ip, prefix) == mask6(base, prefix))
}

/// The IPv4 addresses in a text: runs of digits and dots, with no letter or digit on either
/// side, that parse as an address.
fn addresses_in(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let start = at;
            if !bytes[at].is_ascii_digit() {
                at += 1;
                continue;
            }
            while at < bytes.len() && (bytes[at].is_ascii_digit() || bytes[at] == b'.') {
                at += 1;
            }
            let run = text[start..at].trim_end_matches('.');
            let before = text[..start].chars().next_back();
            let after = text[at..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
                && run.parse::<Ipv4Addr>().is_ok()
            {
                return Some(run);
            }
        }
        None
    })
}

/// Whether `text` holds the address `wanted`, or with `prefix` an address starting with it
/// (a full address, or a prefix ending in a dot).
fn has_v4_in(text: &str, wanted: &str, prefix: bool) -> bool {
    let full = wanted.parse::<Ipv4Addr>().is_ok();
    let partial = prefix
        && wanted.ends_with('.')
        && wanted.trim_end_matches('.').split('.').count() <= 3
        && wanted
            .trim_end_matches('.')
            .split('.')
            .all(|p| p.parse::<u8>().is_ok());
    if !full && !partial {
        return false;
    }
    addresses_in(text).any(|ip| {
        if partial {
            ip.starts_with(wanted)
        } else {
            ip == wanted
        }
    })
}

fn has_v4(a: &[Scalar], prefix: bool) -> Scalar {
    let (Some(text), Some(ip)) = (arg(a, 0).to_text(), arg(a, 1).to_text()) else {
        return Scalar::Null;
    };
    Scalar::Bool(has_v4_in(&text, ip.trim(), prefix))
}

fn has_any_v4(a: &[Scalar], prefix: bool) -> Scalar {
    let Some(text) = arg(a, 0).to_text() else {
        return Scalar::Null;
    };
    let wanted: Vec<String> = a[1..]
        .iter()
        .flat_map(|v| match v {
            Scalar::Dynamic(j) if j.is_array() => j
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Json::as_str)
                .map(str::to_owned)
                .collect::<Vec<_>>(),
            other => other
                .to_text()
                .map(|s| s.into_owned())
                .into_iter()
                .collect(),
        })
        .collect();
    Scalar::Bool(wanted.iter().any(|w| has_v4_in(&text, w.trim(), prefix)))
}
