import Foundation
import TestSupport
import Testing

@testable import VietSearch

/// A new index appears whole (`IndexLocation.create`): a search started while the first
/// indexing run creates it finds no index, then an empty one, never an empty database that it
/// would call "not a VietSearch index".
@Suite struct IndexCreationTests {
    @Test func searchesDuringCreationSeeNoIndexOrAWholeOne() throws {
        try withTemporaryFolder("vietsearch-create") { folder in
            let failures = Locked<[String]>([])
            for round in 0..<40 {
                let path = folder.appendingPathComponent("index-\(round).db").path
                let done = DispatchSemaphore(value: 0)
                let stop = Locked(false)
                Thread {
                    defer { done.signal() }
                    while !stop.value {
                        do {
                            _ = try SearchIndex(path: path, mode: .readOnly).search("dang")
                            return
                        } catch VietSearchError.indexNotFound {
                            continue
                        } catch {
                            failures.set(failures.value + ["round \(round): \(error)"])
                            return
                        }
                    }
                }.start()
                _ = try SearchIndex(path: path, mode: .readWrite)
                stop.set(true)
                done.wait()
            }
            #expect(failures.value.isEmpty, "\(failures.value.prefix(3))")
            // Nothing of the creation is left beside the indexes.
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(names.allSatisfy { !$0.contains(".new-") }, "\(names)")
        }
    }

    /// Two writers creating one index at once: both end up on the same whole index.
    @Test func twoCreatorsAgree() throws {
        try withTemporaryFolder("vietsearch-create") { folder in
            let path = folder.appendingPathComponent("index.db").path
            let errors = Locked<[String]>([])
            let group = DispatchGroup()
            for _ in 0..<4 {
                group.enter()
                Thread {
                    defer { group.leave() }
                    do { _ = try SearchIndex(path: path, mode: .readWrite) } catch { errors.set(errors.value + ["\(error)"]) }
                }.start()
            }
            group.wait()
            #expect(errors.value.isEmpty, "\(errors.value)")
            let documents = try SearchIndex(path: path, mode: .readOnly).statistics().documents
            #expect(documents == 0)
        }
    }
}
