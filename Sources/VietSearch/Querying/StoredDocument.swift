/// One document as the index holds it (`SearchIndex.document(id:)`): its text is the text
/// extracted when it was indexed, never read again from the file.
public struct StoredDocument: Sendable, Hashable {
    public var id: Int64
    public var path: String
    public var title: String
    public var text: String
    /// File type (extension, lowercase).
    public var format: String
    /// Source encoding, as `vnsearch stats` lists it.
    public var encoding: String
    /// Bytes of the file when indexed.
    public var size: Int64
    /// The file's modification time, nanoseconds since 1970.
    public var modificationTime: Int64
    /// Unicode scalars of the whole stored text: more than `text` has when only its first part
    /// was read (`SearchIndex.document(id:maxTextBytes:)`).
    public var textLength: Int

    public init(
        id: Int64, path: String, title: String, text: String, format: String, encoding: String, size: Int64, modificationTime: Int64
    ) {
        self.id = id
        self.path = path
        self.title = title
        self.text = text
        self.format = format
        self.encoding = encoding
        self.size = size
        self.modificationTime = modificationTime
        textLength = text.unicodeScalars.count
    }
}
