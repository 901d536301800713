//! Where the lists that `externaldata` names by URL are kept on this machine: a hunter on a
//! host without internet access maps each URL to a file in `externaldata.toml`, in the data
//! folder, and the demo tenant reads the file instead of the URL.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The URL → file map, and where it was read from (named in messages).
#[derive(Clone, Debug, Default)]
pub struct LocalCopies {
    files: HashMap<String, PathBuf>,
    map_file: Option<PathBuf>,
}

impl LocalCopies {
    pub const FILE_NAME: &'static str = "externaldata.toml";

    /// Reads `externaldata.toml` in `data_dir`; no such file is an empty map.
    pub fn load(data_dir: &Path) -> Result<LocalCopies, String> {
        let map_file = data_dir.join(Self::FILE_NAME);
        match std::fs::read_to_string(&map_file) {
            Ok(text) => LocalCopies::parse(&text, &map_file),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(LocalCopies {
                files: HashMap::new(),
                map_file: Some(map_file),
            }),
            Err(e) => Err(format!("cannot read {}: {e}", map_file.display())),
        }
    }

    /// The map in `map_file`'s text: `[urls]` then `"URL" = "file"`, a relative file being
    /// beside the map.
    pub fn parse(text: &str, map_file: &Path) -> Result<LocalCopies, String> {
        let fail = |what: String| format!("{}: {what}", map_file.display());
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| fail(format!("not valid TOML ({})", e.message())))?;
        let base = map_file.parent().unwrap_or(Path::new("."));
        let mut files = HashMap::new();
        if let Some(urls) = table.get("urls") {
            let urls = urls
                .as_table()
                .ok_or_else(|| fail("[urls] must be a table of \"URL\" = \"file\"".into()))?;
            for (url, file) in urls {
                let file = file
                    .as_str()
                    .ok_or_else(|| fail(format!("the file for {url} must be a string (a path)")))?;
                files.insert(url.clone(), base.join(file));
            }
        }
        if let Some(other) = table.keys().find(|k| *k != "urls") {
            return Err(fail(format!(
                "unknown setting '{other}': the file holds [urls] only"
            )));
        }
        Ok(LocalCopies {
            files,
            map_file: Some(map_file.to_owned()),
        })
    }

    pub fn file_for(&self, url: &str) -> Option<&Path> {
        self.files.get(url).map(PathBuf::as_path)
    }

    /// Where the map is (or would be), for the message that asks for a mapping.
    pub fn map_file(&self) -> Option<&Path> {
        self.map_file.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_files_are_beside_the_map_and_other_settings_are_refused() {
        let map = Path::new("/data/kqlhunt/externaldata.toml");
        let copies = LocalCopies::parse(
            "[urls]\n\"https://example.org/list.txt\" = \"lists/list.txt\"\n\"https://x/y\" = \"/abs/y.csv\"\n",
            map,
        )
        .unwrap();
        assert_eq!(
            copies.file_for("https://example.org/list.txt"),
            Some(Path::new("/data/kqlhunt/lists/list.txt"))
        );
        assert_eq!(
            copies.file_for("https://x/y"),
            Some(Path::new("/abs/y.csv"))
        );
        assert_eq!(copies.file_for("https://x/z"), None);
        let err = LocalCopies::parse("proxy = 1\n", map).unwrap_err();
        assert!(err.contains("unknown setting 'proxy'"), "{err}");
        let err = LocalCopies::parse("[urls]\n\"u\" = 3\n", map).unwrap_err();
        assert!(err.contains("must be a string"), "{err}");
    }
}
