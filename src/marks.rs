//! What the strict parser notes about the first parameters of a list it
//! checked, so that [`crate::Params`] iterates them by slicing. Written by
//! the grammar (`syntax.rs`), read by the values (`params.rs`).

/// How many parameters of a list [`Marks`] remembers.
pub(crate) const MARKS: usize = 8;

/// Where the first parameters of a checked list are, noted by the strict
/// parser as it checked them, so that iterating them afterwards is a matter
/// of slicing rather than reading the list again (a challenge is checked
/// when it is yielded, then its parameters are walked by the caller).
/// Offsets are from the start of the list; `len == 0` means "nothing noted",
/// and the iterator then reads the list as before.
#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct Marks {
    pub(crate) len: u8,
    /// Some parameters after the noted ones were not noted (no room, or
    /// offsets beyond 15 bits).
    pub(crate) more: bool,
    pub(crate) at: [Mark; MARKS],
}

/// One noted parameter: `raw[name..name_end]` is the name and
/// `raw[value & !QUOTED..value_end & !ESCAPED]` the value (between the
/// quotes of a quoted-string, which the `QUOTED` bit tells).
#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct Mark {
    pub(crate) name: u16,
    pub(crate) name_end: u16,
    pub(crate) value: u16,
    pub(crate) value_end: u16,
}

/// Bit of `Mark::value_end`: the quoted-string holds a quoted-pair.
pub(crate) const ESCAPED: u16 = 1 << 15;
/// Bit of `Mark::value`: the value is a quoted-string.
pub(crate) const QUOTED: u16 = 1 << 15;

impl Marks {
    /// Nothing noted.
    pub(crate) const EMPTY: Marks = Marks {
        len: 0,
        more: false,
        at: [Mark {
            name: 0,
            name_end: 0,
            value: 0,
            value_end: 0,
        }; MARKS],
    };

    /// Notes a parameter, if there is room and the offsets fit in 15 bits
    /// (and no earlier one was refused); otherwise notes that there are more.
    /// `quoted` is `None` for a token value and `Some(escaped)` for a
    /// quoted-string, `escaped` telling whether it holds a quoted-pair.
    #[inline]
    pub(crate) fn push(
        &mut self,
        name: usize,
        name_end: usize,
        value: usize,
        value_end: usize,
        quoted: Option<bool>,
    ) {
        let i = usize::from(self.len);
        if i < MARKS && value_end < usize::from(ESCAPED) && !self.more {
            self.at[i] = Mark {
                name: name as u16,
                name_end: name_end as u16,
                value: value as u16 | if quoted.is_some() { QUOTED } else { 0 },
                value_end: value_end as u16 | if quoted == Some(true) { ESCAPED } else { 0 },
            };
            self.len += 1;
        } else {
            self.more = true;
        }
    }
}
