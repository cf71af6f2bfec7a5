//! The portfolios sensitivity's re-solves have found, kept to warm-start the next ones.
//!
//! Forcing one initiative out leaves feasible every portfolio found so far that does not fund
//! it; forcing one in, every one that does. The best such portfolio is a far better first
//! incumbent than the optimum with the forced initiative taken out or squeezed in, so the
//! next search has less to prove.

/// One portfolio found: its value, its members as bits, its candidate indices.
struct Found {
    value: f64,
    bits: Vec<u64>,
    funded: Vec<usize>,
}

/// Portfolios found, each feasible under the forum's own constraints, over the candidates of
/// one compiled instance (by index).
pub(super) struct Pool {
    words: usize,
    found: Vec<Found>,
}

impl Pool {
    /// An empty pool over `n` candidates.
    pub fn new(n: usize) -> Self {
        Pool {
            words: n.div_ceil(64),
            found: Vec::new(),
        }
    }

    /// Keeps a feasible portfolio (its candidates ascending, and its value) unless the pool
    /// already holds it.
    pub fn offer(&mut self, funded: &[usize], value: f64) {
        if self
            .found
            .iter()
            .any(|f| f.value.to_bits() == value.to_bits() && f.funded == funded)
        {
            return;
        }
        let mut bits = vec![0u64; self.words];
        for &k in funded {
            if let Some(word) = bits.get_mut(k / 64) {
                *word |= 1 << (k % 64);
            }
        }
        self.found.push(Found {
            value,
            bits,
            funded: funded.to_vec(),
        });
    }

    /// The candidates of the most valuable portfolio found that funds candidate `k`
    /// (`with`) or leaves it out.
    pub fn best(&self, k: usize, with: bool) -> Option<&[usize]> {
        self.found
            .iter()
            .filter(|f| {
                f.bits
                    .get(k / 64)
                    .is_some_and(|w| (w >> (k % 64)) & 1 == u64::from(with))
            })
            .max_by(|a, b| a.value.total_cmp(&b.value))
            .map(|f| f.funded.as_slice())
    }
}
