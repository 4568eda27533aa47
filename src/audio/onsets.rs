//! Where sound starts in a stream of samples: the onsets of its cues.
//! Test code, kept out of the product build: the crate's unit tests use it
//! as `crate::audio::onsets`, and the real-audio tests and
//! `examples/cues.rs` include this file by its path.

/// Where sound starts after at least `gap` samples of digital silence
/// (exactly zero), and at the very start: the onsets of a stream's cues.
pub fn onsets<T: Copy + PartialEq + Default>(samples: &[T], gap: usize) -> Vec<usize> {
    let mut found = Vec::new();
    let mut silent = usize::MAX;
    for (i, s) in samples.iter().enumerate() {
        if *s == T::default() {
            silent = silent.saturating_add(1);
        } else {
            if silent >= gap {
                found.push(i);
            }
            silent = 0;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn onsets_follow_silence() {
        let s = [0i16, 0, 5, 3, 0, 0, 0, 7, 0, 1, 0, 0, 0, 0, 9];
        assert_eq!(onsets(&s, 3), [2, 7, 14]);
        assert_eq!(onsets(&[1.0f32, 0.0, 2.0], 5), [0]);
        assert!(onsets::<i16>(&[0; 10], 1).is_empty());
    }
}
