import Testing
import VietSearchSQLite

/// The bridge for FTS5 auxiliary functions written in Swift: what a call sees of its row and
/// query, checked against what the table holds, and how FTS5 keeps the function and its states.
@Suite struct FTS5AuxiliaryFunctionTests {
    /// Reports, per its one argument, one thing the call sees (`rowid`, `size`, `size 1`,
    /// `total`, `total 0`, `rows`, `columns`, `phrases`, `arguments`), and records every phrase
    /// instance of every row it is called on.
    final class Probe: FTS5AuxiliaryFunction {
        final class State {
            let question: String
            init(question: String) { self.question = question }
        }

        struct Instance: Equatable {
            var rowid: Int64
            var phrase: Int32
            var column: Int32
            var offset: Int32
        }

        var instances: [Instance] = []
        var statesMade = 0
        weak var lastState: State?

        func makeQueryState(for call: FTS5AuxiliaryContext) throws(FTS5FunctionError) -> State {
            guard let question = call.textArgument(at: 0) else { throw FTS5FunctionError("probe: which value?") }
            guard question != "fail" else { throw FTS5FunctionError("probe: asked to fail") }
            statesMade += 1
            let state = State(question: question)
            lastState = state
            return state
        }

        func value(of call: FTS5AuxiliaryContext, state: State) throws(FTS5FunctionError) -> Double {
            let walk = call.phraseInstances()
            var found = FTS5PhraseInstances.Position()
            for phrase in 0..<Int32(call.phraseCount) {
                guard walk.start(phrase, at: &found) else { throw FTS5FunctionError("probe: no instances") }
                while found.isAtInstance {
                    instances.append(Instance(rowid: call.rowid, phrase: phrase, column: found.column, offset: found.offset))
                    walk.advance(&found)
                }
            }
            switch state.question {
            case "rowid": return Double(call.rowid)
            case "size": return Double(call.size() ?? -1)
            case "size 1": return Double(call.size(ofColumn: 1) ?? -1)
            case "total": return Double(call.totalSize() ?? -1)
            case "total 0": return Double(call.totalSize(ofColumn: 0) ?? -1)
            case "rows": return Double(call.rowCount() ?? -1)
            case "columns": return Double(call.columnCount)
            case "phrases": return Double(call.phraseCount)
            case "arguments": return Double(call.argumentCount)
            default: throw FTS5FunctionError("probe: unknown question \(state.question)")
            }
        }
    }

    /// Rows (rowid, title, body), tokenized by `unicode61`: a token is a word.
    static func makeTable(_ db: SQLiteConnection) throws {
        try db.execute("CREATE VIRTUAL TABLE t USING fts5(title, body)")
        try db.execute("INSERT INTO t(rowid, title, body) VALUES (1, 'a b', 'c a a'), (5, 'x', 'a y z q'), (7, 'b', 'b b')")
    }

    static func values(_ db: SQLiteConnection, _ question: String, match: String) throws -> [Int64: Double] {
        let statement = try db.prepare("SELECT rowid, probe(t, ?2) FROM t WHERE t MATCH ?1")
        try statement.bind([.text(match), .text(question)])
        var values: [Int64: Double] = [:]
        while try statement.step() { values[statement.int64(at: 0)] = statement.double(at: 1) }
        return values
    }

    @Test(arguments: [
        ("rowid", [1: 1.0, 5: 5]), ("size", [1: 5, 5: 5]), ("size 1", [1: 3, 5: 4]), ("total", [1: 13, 5: 13]),
        ("total 0", [1: 4, 5: 4]), ("rows", [1: 3, 5: 3]), ("columns", [1: 2, 5: 2]), ("phrases", [1: 1, 5: 1]),
        ("arguments", [1: 1, 5: 1]),
    ] as [(String, [Int64: Double])])
    func callsSeeTheirRowAndTable(question: String, expected: [Int64: Double]) throws {
        let db = try SQLiteConnection(path: ":memory:")
        try Self.makeTable(db)
        try db.registerAuxiliaryFunction(Probe(), name: "probe")
        #expect(try Self.values(db, question, match: "a") == expected)
    }

    @Test func instancesAreEveryMatchOfEachPhraseInOrder() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try Self.makeTable(db)
        let probe = Probe()
        try db.registerAuxiliaryFunction(probe, name: "probe")
        _ = try Self.values(db, "phrases", match: "a OR \"b b\"")
        let expected: [Probe.Instance] = [
            .init(rowid: 1, phrase: 0, column: 0, offset: 0), .init(rowid: 1, phrase: 0, column: 1, offset: 1),
            .init(rowid: 1, phrase: 0, column: 1, offset: 2), .init(rowid: 5, phrase: 0, column: 1, offset: 0),
            .init(rowid: 7, phrase: 1, column: 1, offset: 0),
        ]
        #expect(probe.instances == expected)
    }

    @Test func oneStatePerQueryReleasedWithIt() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try Self.makeTable(db)
        let probe = Probe()
        try db.registerAuxiliaryFunction(probe, name: "probe")
        do {
            let statement = try db.prepare("SELECT probe(t, 'rowid') FROM t WHERE t MATCH 'a OR b'")
            var rows = 0
            while try statement.step() { rows += 1 }
            #expect(rows == 3)
            #expect(probe.statesMade == 1)
            statement.reset()
            while try statement.step() {}
            #expect(probe.statesMade == 2)  // a new run of the statement is a new query
        }
        #expect(probe.lastState == nil)
    }

    @Test func aStateThatCannotBeMadeFailsTheStatementWithItsMessage() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try Self.makeTable(db)
        try db.registerAuxiliaryFunction(Probe(), name: "probe")
        let error = #expect(throws: SQLiteError.self) { _ = try Self.values(db, "fail", match: "a") }
        #expect(error?.message == "probe: asked to fail")
        let unknown = #expect(throws: SQLiteError.self) { _ = try Self.values(db, "colour", match: "a") }
        #expect(unknown?.message == "probe: unknown question colour")
    }

    @Test func theConnectionKeepsTheFunctionUntilItCloses() throws {
        weak var released: Probe?
        do {
            let db = try SQLiteConnection(path: ":memory:")
            try Self.makeTable(db)
            do {
                let probe = Probe()
                released = probe
                try db.registerAuxiliaryFunction(probe, name: "probe")
            }
            #expect(released != nil)
            #expect(try Self.values(db, "rowid", match: "x") == [5: 5])
        }
        #expect(released == nil)
    }
}
