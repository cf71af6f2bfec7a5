//! A string-keyed map that refuses duplicate keys when it is read.
//!
//! RON (like most formats) silently keeps the last of two equal keys; a forum record that
//! scores the same initiative twice is a mistake the author must see, so this map errors.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

/// A `BTreeMap<String, V>` whose deserialisation fails on a repeated key.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UniqueMap<V>(pub BTreeMap<String, V>);

impl<V> UniqueMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        UniqueMap(BTreeMap::new())
    }
}

impl<V> Deref for UniqueMap<V> {
    type Target = BTreeMap<String, V>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<V> DerefMut for UniqueMap<V> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl<V> From<BTreeMap<String, V>> for UniqueMap<V> {
    fn from(map: BTreeMap<String, V>) -> Self {
        UniqueMap(map)
    }
}

impl<V> FromIterator<(String, V)> for UniqueMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        UniqueMap(iter.into_iter().collect())
    }
}

impl<'a, V> IntoIterator for &'a UniqueMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::collections::btree_map::Iter<'a, String, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<V: Serialize> Serialize for UniqueMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

struct UniqueMapVisitor<V>(PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueMapVisitor<V> {
    type Value = UniqueMap<V>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map with string keys")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        // Records are written with their keys in order: while they come in ascending order
        // no key can repeat and they are simply collected (the map is then built in one
        // pass); from the first key out of order on, each is looked up in a map.
        let mut ascending: Vec<(String, V)> = Vec::new();
        let mut map: Option<BTreeMap<String, V>> = None;
        while let Some(key) = access.next_key::<String>()? {
            let map = match &mut map {
                None if ascending.last().is_none_or(|(last, _)| *last < key) => {
                    let value = access.next_value::<V>()?;
                    ascending.push((key, value));
                    continue;
                }
                None => map.insert(std::mem::take(&mut ascending).into_iter().collect()),
                Some(map) => map,
            };
            if map.contains_key(&key) {
                return Err(serde::de::Error::custom(format!(
                    "duplicate key `{key}` (each key may appear once)"
                )));
            }
            let value = access.next_value::<V>()?;
            map.insert(key, value);
        }
        Ok(UniqueMap(
            map.unwrap_or_else(|| ascending.into_iter().collect()),
        ))
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UniqueMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(UniqueMapVisitor(PhantomData))
    }
}
