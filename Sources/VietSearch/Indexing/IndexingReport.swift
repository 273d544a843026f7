/// What an indexing run did.
public struct IndexingReport: Sendable, Hashable {
    /// A file that was not indexed, and why.
    public struct Skip: Sendable, Hashable {
        public var path: String
        public var reason: String
    }

    /// A file indexed with a caveat (its text was damaged, say), and what it is.
    public struct Warning: Sendable, Hashable {
        public var path: String
        public var message: String
    }

    public var added = 0
    public var updated = 0
    public var removed = 0
    public var unchanged = 0
    public var skipped: [Skip] = []
    /// Files indexed with a caveat.
    public var warnings: [Warning] = []
    /// Files with extensions that are not indexed.
    public var ignored = 0
    /// Bytes of the files read.
    public var bytesRead: Int64 = 0
    public var seconds = 0.0
    /// Encoding of each added or updated document, counted ("utf-8": 12).
    public var encodings: [String: Int] = [:]
    /// The query planner's statistics were rebuilt from the whole index (after an interrupted
    /// run, or writes from outside the indexer) rather than updated by this run's differences.
    public var statisticsRebuilt = false

    public init() {}
}

/// Progress of a run, for a progress line.
public struct IndexingProgress: Sendable {
    /// What the run is doing. After its last file a run still brings the statistics up to date
    /// and, after a large first index, merges the full-text index into one segment: seconds at
    /// 1 GB, half a minute at 3 GB, which a line stopped at its last file would not explain.
    public enum Stage: Sendable {
        /// Reading and writing files (the counts say how far).
        case files
        /// Bringing the term statistics up to date, removing the files gone.
        case statistics
        /// Merging the full-text index into one segment (one pass over all of it).
        case merging
    }

    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int64
    public var bytesTotal: Int64
    public var stage: Stage = .files
}
