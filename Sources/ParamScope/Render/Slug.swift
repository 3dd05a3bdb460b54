/// File names and anchors made from user text: lower-case ASCII letters, digits and `-` only,
/// so no `/`, `..` or control character can reach the file system or a URL.
enum Slug {
    static func make(_ text: String, fallback: String = "item") -> String {
        var slug = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                slug.unicodeScalars.append(scalar)
                pendingDash = false
            } else if scalar == "." && !slug.isEmpty && slug.last != "-" && slug.last != "." {
                // Keep version dots readable ("llama3.1-8b") without allowing "..".
                if pendingDash { slug.append("-") }
                slug.append(".")
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        slug = String(slug.prefix(80))
        while slug.hasSuffix(".") || slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? fallback : slug
    }

    /// Makes `slugs` unique in order: a later duplicate gets `-2`, `-3`, ...
    static func unique(_ slugs: [String], reserved: Set<String> = []) -> [String] {
        var taken = reserved
        return slugs.map { base in
            var candidate = base
            var suffix = 2
            while taken.contains(candidate) {
                candidate = "\(base)-\(suffix)"
                suffix += 1
            }
            taken.insert(candidate)
            return candidate
        }
    }
}
