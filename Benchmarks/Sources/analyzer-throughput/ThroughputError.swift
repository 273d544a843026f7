/// A bad option or a failed consistency check, printed as the tool's error message.
struct ThroughputError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
