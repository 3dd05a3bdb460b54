/// "did you mean `kv_heads`?" for a misspelt field.
enum Suggestion {
    /// The nearest known name by edit distance, as a sentence tail, or "" when nothing is near.
    static func didYouMean(_ word: String, in known: [String]) -> String {
        let scored = known.map { ($0, distance(word.lowercased(), $0)) }.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        guard let (best, score) = scored, score <= max(2, best.count / 3) else { return "" }
        return "; did you mean `\(best)`?"
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
