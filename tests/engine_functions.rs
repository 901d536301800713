//! The scalar functions hunters reach for, on the examples of Kusto's own documentation: what
//! the demo tenant answers must be what the service answers.

use std::sync::Arc;

use kqlhunt::engine::{Database, Engine, Limits, Scalar};
use serde_json::{json, Value as Json};

fn run(query: &str) -> kqlhunt::engine::Table {
    Engine::new(Arc::new(Database::default()))
        .run(query, 0, &Limits::default())
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .table
}

/// The one value `print r = EXPR` gives, as JSON (null for null).
fn value(expr: &str) -> Json {
    run(&format!("print r = {expr}")).get(0, 0).to_json()
}

#[test]
fn sets_and_arrays_as_documented() {
    let a = "dynamic([1, 2, 3])";
    let b = "dynamic([3, 4, 5])";
    assert_eq!(
        value(&format!("set_union({a}, {b})")),
        json!([1, 2, 3, 4, 5])
    );
    assert_eq!(value(&format!("set_intersect({a}, {b})")), json!([3]));
    assert_eq!(value(&format!("set_difference({a}, {b})")), json!([1, 2]));
    assert_eq!(
        value("set_union(dynamic([1, 1]), 'not an array')"),
        Json::Null
    );
    assert_eq!(
        value("set_has_element(dynamic(['a', 'b']), 'b')"),
        json!(true)
    );
    assert_eq!(
        value("array_slice(dynamic([1, 2, 3]), 1, 2)"),
        json!([2, 3])
    );
    assert_eq!(
        value("array_slice(dynamic([1, 2, 3, 4, 5]), 2, -1)"),
        json!([3, 4, 5])
    );
    assert_eq!(
        value("array_slice(dynamic([1, 2, 3, 4, 5]), -3, -2)"),
        json!([3, 4])
    );
    assert_eq!(value("array_slice(dynamic([1, 2, 3]), 5, 9)"), json!([]));
    assert_eq!(
        value("array_reverse(dynamic(['this', 'is', 'an', 'example']))"),
        json!(["example", "an", "is", "this"])
    );
    assert_eq!(value("array_sum(dynamic([2, 5, 3]))"), json!(10.0));
    assert_eq!(
        value("array_iff(dynamic([true, false, true]), dynamic([1, 2, 3]), dynamic([4, 5, 6]))"),
        json!([1, 5, 3])
    );
    assert_eq!(
        value("array_iff(dynamic([true, false, 'x']), 1, 0)"),
        json!([1, 0, null])
    );
    let five = "dynamic([1, 2, 3, 4, 5])";
    assert_eq!(
        value(&format!("array_rotate_left({five}, 2)")),
        json!([3, 4, 5, 1, 2])
    );
    assert_eq!(
        value(&format!("array_rotate_right({five}, 2)")),
        json!([4, 5, 1, 2, 3])
    );
    assert_eq!(
        value(&format!("array_rotate_left({five}, -2)")),
        json!([4, 5, 1, 2, 3])
    );
    assert_eq!(
        value(&format!("array_shift_left({five}, 2)")),
        json!([3, 4, 5, null, null])
    );
    assert_eq!(
        value(&format!("array_shift_left({five}, 2, -1)")),
        json!([3, 4, 5, -1, -1])
    );
    assert_eq!(
        value(&format!("array_shift_right({five}, 2)")),
        json!([null, null, 1, 2, 3])
    );
    assert_eq!(
        value(&format!("array_split({five}, 2)")),
        json!([[1, 2], [3, 4, 5]])
    );
    assert_eq!(
        value(&format!("array_split({five}, dynamic([1, 3]))")),
        json!([[1], [2, 3], [4, 5]])
    );
    assert_eq!(
        value("strcat_array(dynamic([1, 2, 3]), '->')"),
        json!("1->2->3")
    );
    assert_eq!(
        value("jaccard_index(dynamic([1, 1, 2, 2, 3, 3]), dynamic([1, 2, 3, 4, 4, 4]))"),
        json!(0.75)
    );
    assert_eq!(
        value("unicode_codepoints_from_string('⒦⒰⒮⒯⒪')"),
        json!([9382, 9392, 9390, 9391, 9386])
    );
    assert_eq!(
        value("unicode_codepoints_to_string(75, 117, 115, 116, 111)"),
        json!("Kusto")
    );
}

#[test]
fn ipv4_functions_as_documented() {
    assert_eq!(value("parse_ipv4('127.0.0.1')"), json!(2130706433));
    assert_eq!(value("parse_ipv4('192.1.168.1')"), json!(3221334017u64));
    assert_eq!(value("parse_ipv4('192.1.168.1/24')"), json!(3221334016u64));
    assert_eq!(value("parse_ipv4('192.1.168.300')"), Json::Null);
    assert_eq!(
        value("parse_ipv4_mask('192.1.168.2', 24)"),
        json!(3221334016u64)
    );
    assert_eq!(value("ipv4_compare('127.0.0.1', '127.0.0.1')"), json!(0));
    assert_eq!(
        value("ipv4_compare('192.168.1.1', '192.168.1.255')"),
        json!(-1)
    );
    assert_eq!(
        value("ipv4_compare('192.168.1.255', '192.168.1.1')"),
        json!(1)
    );
    assert_eq!(
        value("ipv4_compare('192.168.1.1/24', '192.168.1.255/24')"),
        json!(0)
    );
    assert_eq!(
        value("ipv4_compare('192.168.1.1', '192.168.1.255', 24)"),
        json!(0)
    );
    assert_eq!(
        value("ipv4_is_match('192.168.1.1/24', '192.168.1.255')"),
        json!(true)
    );
    assert_eq!(
        value("ipv4_is_match('192.168.1.1', '192.168.1.255')"),
        json!(false)
    );
    assert_eq!(
        value("ipv4_is_in_range('192.168.1.6', '192.168.1.1/24')"),
        json!(true)
    );
    assert_eq!(
        value("ipv4_is_in_range('192.168.1.6', '192.168.1.1')"),
        json!(false)
    );
    assert_eq!(
        value("ipv4_is_in_any_range('192.168.1.6', dynamic(['10.0.0.0/8', '192.168.1.0/24']))"),
        json!(true)
    );
    assert_eq!(
        value("ipv4_is_in_any_range('8.8.8.8', '10.0.0.0/8', '192.168.0.0/16')"),
        json!(false)
    );
    assert_eq!(value("ipv4_is_private('192.168.1.1/24')"), json!(true));
    assert_eq!(value("ipv4_netmask_suffix('192.168.1.1/24')"), json!(24));
    assert_eq!(value("ipv4_netmask_suffix('192.168.1.1')"), json!(32));
    assert_eq!(
        value("format_ipv4('192.168.1.255', 24)"),
        json!("192.168.1.0")
    );
    assert_eq!(value("format_ipv4(3232236031, 24)"), json!("192.168.1.0"));
    assert_eq!(
        value("format_ipv4_mask('192.168.1.255', 24)"),
        json!("192.168.1.0/24")
    );
    assert_eq!(value("format_ipv4(-1)"), json!(""));
    let log = "'05:04:54 127.0.0.1 GET /favicon.ico 404'";
    assert_eq!(value(&format!("has_ipv4({log}, '127.0.0.1')")), json!(true));
    assert_eq!(
        value("has_ipv4('05:04:54127.0.0.1 GET', '127.0.0.1')"),
        json!(false)
    );
    assert_eq!(
        value("has_ipv4('x 127.0.0.256 y', '127.0.0.256')"),
        json!(false)
    );
    assert_eq!(
        value(&format!("has_ipv4_prefix({log}, '127.0.')")),
        json!(true)
    );
    assert_eq!(
        value(&format!("has_ipv4_prefix({log}, '127.0')")),
        json!(false)
    );
    assert_eq!(
        value(&format!(
            "has_any_ipv4({log}, dynamic(['127.0.0.2', '127.0.0.1']))"
        )),
        json!(true)
    );
}

#[test]
fn ipv6_functions_as_documented() {
    assert_eq!(
        value("parse_ipv6('127.0.0.1')"),
        json!("0000:0000:0000:0000:0000:ffff:7f00:0001")
    );
    assert_eq!(
        value("parse_ipv6('fe80::85d:e82c:9446:7994')"),
        json!("fe80:0000:0000:0000:085d:e82c:9446:7994")
    );
    assert_eq!(
        value("parse_ipv6('fe80::85d:e82c:9446:7994/120')"),
        json!("fe80:0000:0000:0000:085d:e82c:9446:7900")
    );
    assert_eq!(
        value("parse_ipv6_mask('192.168.255.255', 120)"),
        json!("0000:0000:0000:0000:0000:ffff:c0a8:ff00")
    );
    assert_eq!(
        value("ipv6_compare('::ffff:7f00:1', '127.0.0.1')"),
        json!(0)
    );
    assert_eq!(
        value("ipv6_compare('fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7995')"),
        json!(-1)
    );
    assert_eq!(
        value("ipv6_compare('fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7995', 127)"),
        json!(0)
    );
    assert_eq!(
        value("ipv6_is_match('::ffff:7f00:1', '127.0.0.1')"),
        json!(true)
    );
    assert_eq!(
        value("ipv6_is_in_range('2a03:2880:f12c:83:face:b00c::25de', '2a03:2880:f12c::/48')"),
        json!(true)
    );
    assert_eq!(
        value("ipv6_is_in_any_range('a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', dynamic(['a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112', 'fe80::/10']))"),
        json!(true)
    );
}

#[test]
fn where_an_address_is_from_the_embedded_table() {
    let sydney = value("geo_info_from_ip_address('20.53.203.50')");
    assert_eq!(sydney["country"], "Australia");
    assert_eq!(sydney["state"], "New South Wales");
    assert_eq!(sydney["city"], "Sydney");
    assert_eq!(sydney["latitude"], -33.8715);
    assert_eq!(sydney["longitude"], 151.2006);
    let boca = value("geo_info_from_ip_address('2a03:2880:f12c:83:face:b00c::25de')");
    assert_eq!(boca["city"], "Boca Raton");
    // The demo's command-and-control server has a place a hunter can filter on.
    assert!(value("geo_info_from_ip_address('185.225.73.18').country").is_string());
    // Private and loopback addresses have none, as in the service.
    assert_eq!(
        value("isempty(geo_info_from_ip_address('10.1.0.5'))"),
        json!(true)
    );
    assert_eq!(
        value("isempty(geo_info_from_ip_address('127.0.0.1'))"),
        json!(true)
    );
    assert_eq!(
        value("geo_info_from_ip_address('not an address')"),
        Json::Null
    );
}

#[test]
fn url_encoding_digests_and_identifiers_as_documented() {
    let url = "@'https://www.bing.com/hello world'";
    assert_eq!(
        value(&format!("url_encode({url})")),
        json!("https%3a%2f%2fwww.bing.com%2fhello+world")
    );
    assert_eq!(
        value(&format!("url_encode_component({url})")),
        json!("https%3a%2f%2fwww.bing.com%2fhello%20world")
    );
    assert_eq!(
        value(&format!("url_decode(url_encode_component({url}))")),
        json!("https://www.bing.com/hello world")
    );
    assert_eq!(
        value("hash_sha256('World')"),
        json!("78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524")
    );
    assert_eq!(
        value("hash_md5('World')"),
        json!("f5a7924e621e84c9280a9a27e1bcb7f6")
    );
    assert_eq!(
        value("hash_sha1('World')"),
        json!("70c07ec18ef89c5309bbb0937f3a6342411e1fdd")
    );
    // hash() is xxHash64, so a sample taken with it is the service's sample.
    assert_eq!(value("hash('World')"), json!(1846988464401551951i64));
    assert_eq!(value("hash('World', 100)"), json!(51));
    let guids = run("range x from 1 to 3 step 1 | extend g = new_guid() | distinct g");
    assert_eq!(guids.len(), 3, "a new GUID on every row");
    let shape =
        regex::Regex::new("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
            .unwrap();
    let first = guids.get(0, 0).to_json();
    assert!(shape.is_match(first.as_str().unwrap()), "{first}");
}

#[test]
fn command_lines_split_as_windows_splits_them() {
    assert_eq!(
        value(r#"parse_command_line('echo \"hello world!\" print$?', 'windows')"#),
        json!(["echo", "hello world!", "print$?"])
    );
    assert_eq!(
        value(
            r#"parse_command_line(@'"C:\Program Files\a.exe" -k "x\"y" c:\dir\ "a b\\"', 'windows')"#
        ),
        json!([
            "C:\\Program Files\\a.exe",
            "-k",
            "x\"y",
            "c:\\dir\\",
            "a b\\"
        ])
    );
    assert_eq!(value("parse_command_line('a b', 'linux')"), Json::Null);
}

#[test]
fn user_agents_name_the_browser_os_and_device() {
    let air = value(
        r#"parse_user_agent("Mozilla/5.0 (Windows; U; en-US) AppleWebKit/531.9 (KHTML, like Gecko) AdobeAIR/2.5.1", "browser")"#,
    );
    assert_eq!(
        air,
        json!({"Browser": {"Family": "AdobeAIR", "MajorVersion": "2", "MinorVersion": "5", "Patch": "1"}})
    );
    let edge = value(
        r#"parse_user_agent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91", dynamic(["browser", "os"]))"#,
    );
    assert_eq!(edge["Browser"]["Family"], "Edge");
    assert_eq!(edge["Browser"]["MajorVersion"], "120");
    assert_eq!(edge["OperatingSystem"]["Family"], "Windows");
    assert_eq!(edge["OperatingSystem"]["MajorVersion"], "10");
    assert_eq!(
        value("parse_user_agent('curl/8.4.0', 'browser').Browser.Family"),
        json!("curl")
    );
}

#[test]
fn regular_expressions_extract_all_groups_and_rewrite_with_backslash_groups() {
    assert_eq!(
        value(r#"extract_all(@"(\d+)", "a1b22c333")"#),
        json!(["1", "22", "333"])
    );
    let fox = r#""The quick brown fox""#;
    assert_eq!(
        value(&format!(r#"extract_all(@"(\w)(\w+)(\w)", {fox})"#)),
        json!([
            ["T", "h", "e"],
            ["q", "uic", "k"],
            ["b", "row", "n"],
            ["f", "o", "x"]
        ])
    );
    assert_eq!(
        value(&format!(
            r#"extract_all(@"(\w)(\w+)(\w)", dynamic([1, 3]), {fox})"#
        )),
        json!([["T", "e"], ["q", "k"], ["b", "n"], ["f", "x"]])
    );
    assert_eq!(
        value(r#"extractall(@"(\d+)", "a1b22")"#),
        json!(["1", "22"])
    );
    assert_eq!(
        value(r#"replace_regex("Number is 1", @"is (\d+)", @"was: \1")"#),
        json!("Number was: 1")
    );
    assert_eq!(
        value(r#"replace_regex("abc", "b", @"[\0]")"#),
        json!("a[b]c")
    );
    assert_eq!(
        value(r#"replace_regex("abc", "(b)", @"\1x")"#),
        json!("abxc")
    );
    assert_eq!(value(r#"replace_regex("abc", "b", "$")"#), json!("a$c"));
    assert_eq!(
        value(r#"replace_regex("abc", "(b)", "<$1>")"#),
        json!("a<b>c")
    );
    // In a pattern, RE2's octal escapes: `\0` is NUL, as decoded UTF-16 text is full of.
    assert_eq!(
        value(r#"replace(@"\0", "", strcat("i", unicode_codepoints_to_string(0), "ex"))"#),
        json!("iex")
    );
    assert_eq!(value(r#"extract(@"a\101", 0, "xaAy")"#), json!("aA"));
}

#[test]
fn matches_regex_takes_a_pattern_from_a_column() {
    let table = run(
        "datatable(FileName: string, Pattern: string) ['evil.exe', @'^ev', 'good.exe', @'^ev', 'x', '(']
         | where FileName matches regex Pattern",
    );
    assert_eq!(table.len(), 1);
    assert_eq!(table.get(0, 0), &Scalar::str("evil.exe"));
}

#[test]
fn rand_gives_a_new_value_on_every_row_in_its_range() {
    let reals = run("range i from 1 to 1000 step 1 | extend r = rand() | summarize d = dcount(r), lo = min(r), hi = max(r)");
    let distinct = reals.get(0, 0).to_json().as_i64().unwrap();
    assert!(distinct > 900, "1000 draws, {distinct} distinct");
    let (lo, hi) = (reals.get(0, 1).to_json(), reals.get(0, 2).to_json());
    assert!(
        lo.as_f64().unwrap() >= 0.0 && hi.as_f64().unwrap() < 1.0,
        "{lo} {hi}"
    );
    let longs = run("range i from 1 to 1000 step 1 | extend r = rand(10) | summarize d = dcount(r), lo = min(r), hi = max(r)");
    assert_eq!(
        (0..3)
            .map(|c| longs.get(0, c).to_json())
            .collect::<Vec<_>>(),
        vec![json!(10), json!(0), json!(9)],
        "every value 0 to 9 drawn, none outside"
    );
}

#[test]
fn bits_hex_ranges_and_repeats_as_documented() {
    assert_eq!(value("binary_and(6, 3)"), json!(2));
    assert_eq!(value("binary_or(6, 3)"), json!(7));
    assert_eq!(value("binary_xor(6, 3)"), json!(5));
    assert_eq!(value("binary_not(100)"), json!(-101));
    assert_eq!(value("binary_shift_left(1, 2)"), json!(4));
    assert_eq!(value("binary_shift_right(-8, 1)"), json!(-4));
    assert_eq!(value("binary_and(6.5, 3)"), Json::Null);
    assert_eq!(value("tohex(-546)"), json!("fffffffffffffdde"));
    assert_eq!(value("tohex(546)"), json!("222"));
    assert_eq!(value("tohex(256, 8)"), json!("00000100"));
    assert_eq!(value("range(1, 8, 3)"), json!([1, 4, 7]));
    assert_eq!(value("range(3, 1, -1)"), json!([3, 2, 1]));
    assert_eq!(value("range(1, 3)"), json!([1, 2, 3]));
    assert_eq!(value("range(1, 3, -1)"), json!([]));
    assert_eq!(value("range(0.5, 1.5, 0.5)"), json!([0.5, 1.0, 1.5]));
    assert_eq!(
        value("range(1h, 3h, 1h)"),
        json!(["01:00:00", "02:00:00", "03:00:00"])
    );
    // Past Kusto's cap of 1,048,576 values the answer is null, never a cut list.
    assert_eq!(value("range(1, 2000000, 1)"), Json::Null);
    assert_eq!(value("repeat('asd', 3)"), json!(["asd", "asd", "asd"]));
    assert_eq!(value("repeat(1, -2)"), json!([]));
    assert_eq!(
        value("set_equals(dynamic([1, 2, 3]), dynamic([3, 2, 1, 1]))"),
        json!(true)
    );
    assert_eq!(
        value("set_equals(dynamic([1, 2]), dynamic([1, 3]))"),
        json!(false)
    );
    assert_eq!(
        value("make_string(dynamic([75, 117, 115]), 116, 111)"),
        json!("Kusto")
    );
    // Past the last code point there is no character; a string is never null, so it is "".
    assert_eq!(value("make_string(4294967361)"), json!(""));
}

#[test]
fn timespans_format_with_the_documented_elements() {
    let t = "time(29.09:00:05.12345)";
    assert_eq!(
        value(&format!("format_timespan({t}, 'dd.hh:mm:ss:FF')")),
        json!("29.09:00:05:12")
    );
    assert_eq!(
        value(&format!("format_timespan({t}, 'ddd.h:mm:ss [fffffff]')")),
        json!("029.9:00:05 [1234500]")
    );
    assert_eq!(value("format_timespan(1d, 'dd q')"), json!(""));
}

#[test]
fn patterns_mean_what_re2_means() {
    // `[` inside a class is a character in RE2; the `&&` of another dialect is two characters.
    assert_eq!(
        value(r#"extract_all(@'([[",\]])', '["a","b"]')"#),
        json!(["[", "\"", "\"", ",", "\"", "\"", "]"])
    );
    assert_eq!(value(r"'&' matches regex '^[a-z&&x]$'"), json!(true));
    assert_eq!(value(r"trim(@'[[]', '[[x[')"), json!("x"));
    assert_eq!(value(r"countof('a[b[c', @'[[]', 'regex')"), json!(2));
}

#[test]
fn a_name_may_start_with_a_digit() {
    let table = run("print 5Minutebin = 5m, 3rd = 'third' | project 3rd, 5Minutebin");
    let names: Vec<String> = table.schema().into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["3rd", "5Minutebin"]);
}
