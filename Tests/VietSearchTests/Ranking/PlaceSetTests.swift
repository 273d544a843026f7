import Testing

@testable import VietSearch

/// `PlaceSet`, the rank function's scratch set of token places.
@Suite struct PlaceSetTests {
    @Test func insertsOnceAndEmpties() {
        var set = PlaceSet()
        defer { set.deallocate() }
        let places = [0, 1, 63, 64, 65, 4_095, 100_000, 3]
        for place in places {
            #expect(!set.contains(place))
            let added = set.insert(place)
            let again = set.insert(place)
            #expect(added)
            #expect(!again)  // already there
            #expect(set.contains(place))
        }
        #expect(set.count == places.count)
        #expect(!set.contains(2) && !set.contains(66) && !set.contains(99_999) && !set.contains(1 << 40))
        set.removeAll()
        #expect(set.count == 0)
        for place in places { #expect(!set.contains(place)) }
        let reused = set.insert(64)
        #expect(reused)  // usable again
    }

    @Test func negativePlacesAreNeverStored() {
        var set = PlaceSet()
        defer { set.deallocate() }
        let added = set.insert(-1)
        #expect(!added)
        #expect(!set.contains(-1))
        #expect(set.count == 0)
    }
}
