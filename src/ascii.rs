//! Text eight bytes at a time: which bytes are ASCII letters or digits. The word scans of
//! the extractor (`speakers/text.rs`) and of the prose analyzer (`index/prose.rs`) pass over
//! runs of ASCII this way rather than a byte at a time.

/// The high bit of each of eight bytes.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `bytes` from `at`, the first in the lowest bits, if there are eight.
#[inline(always)]
pub fn eight(bytes: &[u8], at: usize) -> Option<u64> {
    bytes
        .get(at..)
        .and_then(<[u8]>::first_chunk::<8>)
        .map(|chunk| u64::from_le_bytes(*chunk))
}

/// Of eight bytes, those that are not an ASCII letter or digit: the high bit of each such
/// byte is set, and no other bit.
#[inline(always)]
pub fn not_alnum(chunk: u64) -> u64 {
    const fn each(byte: u8) -> u64 {
        byte as u64 * 0x0101_0101_0101_0101
    }
    // Seven bits a byte, so that no sum below carries into the next byte.
    let low = chunk & !HIGH;
    let at_least = |x: u64, lo: u8| x + each(0x80 - lo);
    let above = |x: u64, hi: u8| x + each(0x7f - hi);
    let digit = at_least(low, b'0') & !above(low, b'9');
    let folded = low | each(0x20);
    let letter = at_least(folded, b'a') & !above(folded, b'z');
    // A byte with its high bit set is not ASCII.
    !((digit | letter) & !chunk) & HIGH
}

/// Of eight bytes, those that are an ASCII letter or digit or not ASCII at all: the high bit
/// of each such byte is set, and no other bit.
#[inline(always)]
pub fn not_ascii_gap(chunk: u64) -> u64 {
    !(not_alnum(chunk) & !chunk) & HIGH
}

/// Where the run of ASCII bytes from `at` that are letters or digits (`alphanumeric`) or
/// are neither (`!alphanumeric`) ends: the offset of the first other byte (a non-ASCII one
/// included), or the length. Eight bytes at a time, then the last few one at a time.
#[inline(always)]
pub fn run_end(bytes: &[u8], mut at: usize, alphanumeric: bool) -> usize {
    while let Some(chunk) = eight(bytes, at) {
        let stops = if alphanumeric {
            not_alnum(chunk)
        } else {
            not_ascii_gap(chunk)
        };
        if let Some(before) = before_first(stops) {
            return at + before;
        }
        at += 8;
    }
    while bytes
        .get(at)
        .is_some_and(|&b| b.is_ascii() && b.is_ascii_alphanumeric() == alphanumeric)
    {
        at += 1;
    }
    at
}

/// How many of eight bytes come before the first one marked in `marks` (a mask as the
/// functions above give), if any is.
#[inline(always)]
pub fn before_first(marks: u64) -> Option<usize> {
    (marks != 0).then(|| (marks.trailing_zeros() / 8) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_bytes_at_a_time_tell_letters_and_digits_as_a_byte_at_a_time_does() {
        for byte in 0..=255u8 {
            for at in 0..8 {
                let mut chunk = *b"abcdefgh";
                chunk[at] = byte;
                let chunk = u64::from_le_bytes(chunk);
                let mark = 0x80 << (8 * at);
                let alnum = byte.is_ascii_alphanumeric();
                let not_ascii = !byte.is_ascii();
                assert_eq!(not_alnum(chunk), if alnum { 0 } else { mark }, "{byte:#x}");
                let gap = if alnum || not_ascii { mark } else { 0 };
                // Every other byte is a letter, so it is marked too.
                assert_eq!(not_ascii_gap(chunk), gap | (HIGH & !mark), "{byte:#x}");
                assert_eq!(before_first(not_alnum(chunk)), (!alnum).then_some(at));
            }
        }
        assert_eq!(
            eight(b"abcdefghi", 1),
            Some(u64::from_le_bytes(*b"bcdefghi"))
        );
        assert_eq!(eight(b"abcdefghi", 2), None);
        assert_eq!(eight(b"abc", 9), None);
    }
}
