//! Sorted orders of the initiatives, computed once per load so no frame sorts thousands.

use crate::domain::analysis::Analysis;
use crate::domain::analysis::valuation::Valuation;
use std::collections::HashMap;

/// For each sort key, the positions of `analysis.initiatives` in table order; and each id's position.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Orders {
    value: Vec<usize>,
    per_100k: Vec<usize>,
    cost: Vec<usize>,
    silo: Vec<usize>,
    title: Vec<usize>,
    position: HashMap<String, usize>,
}

impl Orders {
    /// Sorts the analysis's initiatives every way the table can show them (stable sorts,
    /// so ties keep the analysis's order, as before the cache).
    pub fn of(analysis: &Analysis) -> Orders {
        let all = &analysis.initiatives;
        let sorted = |cmp: &dyn Fn(&Valuation, &Valuation) -> std::cmp::Ordering| {
            let mut ix: Vec<usize> = (0..all.len()).collect();
            ix.sort_by(|a, b| cmp(&all[*a], &all[*b]));
            ix
        };
        Orders {
            value: sorted(&|a, b| b.value.total_cmp(&a.value)),
            per_100k: sorted(&|a, b| b.value_per_100k.total_cmp(&a.value_per_100k)),
            cost: sorted(&|a, b| b.cost.cmp(&a.cost)),
            silo: sorted(&|a, b| (&a.silo, &a.id).cmp(&(&b.silo, &b.id))),
            title: sorted(&|a, b| a.title.cmp(&b.title)),
            position: all
                .iter()
                .enumerate()
                .map(|(i, v)| (v.id.clone(), i))
                .collect(),
        }
    }

    /// Whether these orders were computed for this analysis (same initiatives, same places).
    pub fn fits(&self, analysis: &Analysis) -> bool {
        self.value.len() == analysis.initiatives.len()
            && analysis
                .initiatives
                .first()
                .is_none_or(|v| self.position.get(&v.id) == Some(&0))
    }

    /// Positions in the order of a sort key.
    pub fn by(&self, sort: Sort) -> &[usize] {
        match sort {
            Sort::Value => &self.value,
            Sort::ValuePer100k => &self.per_100k,
            Sort::Cost => &self.cost,
            Sort::Silo => &self.silo,
            Sort::Title => &self.title,
        }
    }

    /// Where an initiative is in `analysis.initiatives`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.position.get(id).copied()
    }
}

/// How the initiatives table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Value,
    ValuePer100k,
    Cost,
    Silo,
    Title,
}

impl Sort {
    /// The next sort column.
    pub fn next(self) -> Sort {
        match self {
            Sort::Value => Sort::ValuePer100k,
            Sort::ValuePer100k => Sort::Cost,
            Sort::Cost => Sort::Silo,
            Sort::Silo => Sort::Title,
            Sort::Title => Sort::Value,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Sort::Value => "value",
            Sort::ValuePer100k => "value per 100k",
            Sort::Cost => "cost",
            Sort::Silo => "silo",
            Sort::Title => "title",
        }
    }
}
