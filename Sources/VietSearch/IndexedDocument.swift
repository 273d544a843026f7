/// A document as stored in the index: where it came from and its extracted text.
public struct IndexedDocument: Sendable, Hashable {
    /// Absolute path of the file.
    public var path: String
    public var title: String
    public var body: String
    public var size: Int64
    /// Modification time, nanoseconds since 1970.
    public var modificationTime: Int64
    /// Content hash (hex) of the file's bytes.
    public var hash: String
    /// How the bytes were decoded: "utf-8", "utf-16le", "windows-1258"…
    public var encoding: String
    /// "txt", "md", "html"…
    public var format: String

    public init(
        path: String, title: String, body: String, size: Int64, modificationTime: Int64, hash: String,
        encoding: String, format: String
    ) {
        self.path = path
        self.title = title
        self.body = body
        self.size = size
        self.modificationTime = modificationTime
        self.hash = hash
        self.encoding = encoding
        self.format = format
    }
}
