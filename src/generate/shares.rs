//! Dividing a total into shares: households among buildings, members among
//! branches, branches among communities.

use rand::Rng;

/// Splits `total` into one share per weight, proportional to the weights, each
/// share at least `min` (largest-remainder rounding, so the shares add up to
/// `total` whenever `total` is at least `min` times the number of weights).
pub(super) fn split(total: usize, weights: &[f64], min: usize) -> Vec<usize> {
    let floor = min * weights.len();
    let rest = total.saturating_sub(floor) as f64;
    let sum: f64 = weights.iter().sum();
    if weights.is_empty() || sum <= 0.0 {
        return vec![min; weights.len()];
    }
    let exact: Vec<f64> = weights.iter().map(|w| rest * w / sum).collect();
    let mut shares: Vec<usize> = exact.iter().map(|e| min + e.floor() as usize).collect();
    let handed_out: usize = shares.iter().sum();
    let mut by_remainder: Vec<usize> = (0..weights.len()).collect();
    by_remainder.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a].fract(), exact[b].fract());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for &i in by_remainder
        .iter()
        .cycle()
        .take(total.saturating_sub(handed_out))
    {
        shares[i] += 1;
    }
    shares
}

/// `n` weights around 1, each within ±`spread`.
pub(super) fn jittered(rng: &mut impl Rng, n: usize, spread: f64) -> Vec<f64> {
    (0..n)
        .map(|_| 1.0 + rng.random_range(-spread..=spread))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_and_respect_the_minimum() {
        let shares = split(100, &[1.0, 2.0, 3.0, 0.1], 5);
        assert_eq!(shares.iter().sum::<usize>(), 100);
        assert!(shares.iter().all(|&s| s >= 5));
        assert!(shares[2] > shares[1] && shares[1] > shares[0]);
    }

    #[test]
    fn shares_follow_the_weights_exactly_when_they_can() {
        assert_eq!(split(9481, &[1.0; 1], 0), vec![9481]);
        assert_eq!(split(10, &[1.0, 1.0], 0), vec![5, 5]);
    }
}
