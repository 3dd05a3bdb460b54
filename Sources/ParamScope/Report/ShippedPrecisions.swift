import ParamScopeCore

/// The precisions a release note shows by default: what people download, not every format.
public enum ShippedPrecisions {
    /// Each slot names the formats that can fill it, best first: BF16; 8-bit (GGUF `q8_0`, else
    /// plain INT8); 4-bit (GGUF `q4_k_m` and bitsandbytes `nf4`, else plain INT4). A format the
    /// storage table does not know is skipped, so the list follows what `StorageFormat` offers.
    static let slots: [[String]] = [["bf16"], ["q8_0", "int8"], ["q4_k_m", "nf4", "int4"]]

    public static func formats(named lookup: (String) -> StorageFormat? = StorageFormat.named) -> [StorageFormat] {
        var chosen: [StorageFormat] = []
        for slot in slots {
            let known = slot.compactMap(lookup)
            // The 4-bit slot shows both q4_k_m and nf4 when both exist; int4 only stands in for them.
            if slot.first == "q4_k_m" {
                let shipped = known.filter { $0.name != "int4" }
                chosen += shipped.isEmpty ? known.prefix(1) : shipped[...]
            } else if let first = known.first {
                chosen.append(first)
            }
        }
        return chosen
    }
}
