//! Fuzzing support for som-playground (issue 13): the properties checked ([`csv_check`]) and a
//! generator of CSV-like inputs for the stable randomized runner ([`gen`]).

pub mod csv_check;
pub mod gen;
