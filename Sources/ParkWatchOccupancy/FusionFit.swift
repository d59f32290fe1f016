import Foundation

/// Fits a camera's `FusionWeights` to its labelled spaces: logistic regression pulled towards a
/// prior (a Gaussian on each weight), so that a few labels move the weights only as far as they
/// show, a weight no label exercises keeps its prior, and labels a rule separates perfectly still
/// give finite weights.
package enum FusionFit {
    package struct Sample: Sendable {
        package var evidence: SpaceEvidence
        package var occupied: Bool
        /// How many spaces this sample stands for (a bin of `HistoryAdaptation` stands for many).
        package var weight: Double

        package init(evidence: SpaceEvidence, occupied: Bool, weight: Double = 1) {
            self.evidence = evidence
            self.occupied = occupied
            self.weight = weight
        }
    }

    /// `priorPrecision`: how many labelled spaces' worth each prior weight counts, roughly
    /// (1 / its variance in log-odds).
    package static func fit(_ samples: [Sample], prior: FusionWeights, priorPrecision: Double) -> FusionWeights {
        var weights = prior.vector
        var cost = objective(samples, at: weights, prior: prior.vector, precision: priorPrecision)
        for _ in 0..<50 {
            let (gradient, hessian) = derivatives(samples, at: weights, prior: prior.vector, precision: priorPrecision)
            guard let step = solve(hessian, gradient) else { break }
            guard let next = descend(from: weights, costing: cost, by: step, costOf: {
                objective(samples, at: $0, prior: prior.vector, precision: priorPrecision)
            }) else { break }
            (weights, cost) = next
            if step.map(abs).max() ?? 0 < 1e-8 { break }
        }
        return FusionWeights(vector: weights)
    }

    /// The Newton step, halved until the posterior rises (its cost does not grow): far from the
    /// optimum, where a camera's labels are at odds with the prior, the full step overshoots and
    /// the steps swing ever wider. nil when no fraction of it helps.
    static func descend(
        from weights: [Double], costing cost: Double, by step: [Double], costOf: ([Double]) -> Double
    ) -> (weights: [Double], cost: Double)? {
        var scale = 1.0
        for _ in 0..<30 {
            let next = zip(weights, step).map { $0 - scale * $1 }
            let nextCost = costOf(next)
            if nextCost <= cost { return (next, nextCost) }
            scale /= 2
        }
        return nil
    }

    /// The negative log posterior: the labels' cross-entropy plus the prior's Gaussian.
    static func objective(_ samples: [Sample], at weights: [Double], prior: [Double], precision: Double) -> Double {
        let current = FusionWeights(vector: weights)
        let pull = zip(weights, prior).reduce(0) { $0 + precision / 2 * ($1.0 - $1.1) * ($1.0 - $1.1) }
        return samples.reduce(pull) { total, sample in
            let z = current.logOdds(sample.evidence)
            let softplus = z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
            return total + sample.weight * (softplus - (sample.occupied ? z : 0))
        }
    }

    /// Gradient and Hessian of the negative log posterior (Newton's method converges in a few steps:
    /// the posterior is strictly convex).
    static func derivatives(
        _ samples: [Sample], at weights: [Double], prior: [Double], precision: Double
    ) -> (gradient: [Double], hessian: [[Double]]) {
        let n = weights.count
        var gradient = zip(weights, prior).map { precision * ($0 - $1) }
        var hessian = (0..<n).map { row in (0..<n).map { row == $0 ? precision : 0 } }
        let current = FusionWeights(vector: weights)
        for sample in samples {
            let x = sample.evidence.features
            let p = sigmoid(current.logOdds(sample.evidence))
            let residual = sample.weight * (p - (sample.occupied ? 1 : 0))
            for i in 0..<n {
                gradient[i] += residual * x[i]
                for j in 0..<n { hessian[i][j] += sample.weight * p * (1 - p) * x[i] * x[j] }
            }
        }
        return (gradient, hessian)
    }

    /// `matrix` x = `vector` by Gaussian elimination with partial pivoting; nil when singular.
    static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double]? {
        var rows = zip(matrix, vector).map { $0 + [$1] }
        let n = vector.count
        for column in 0..<n {
            guard let pivot = (column..<n).max(by: { abs(rows[$0][column]) < abs(rows[$1][column]) }),
                  abs(rows[pivot][column]) > 1e-12 else { return nil }
            rows.swapAt(column, pivot)
            for row in 0..<n where row != column {
                let factor = rows[row][column] / rows[column][column]
                for k in column...n { rows[row][k] -= factor * rows[column][k] }
            }
        }
        return (0..<n).map { rows[$0][n] / rows[$0][$0] }
    }
}
