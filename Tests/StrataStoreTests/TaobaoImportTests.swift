import Foundation
import StrataCore
import StrataImport
import StrataTestSupport
import Testing

/// Taobao's UserBehavior log read natively: the log is also the catalog.
@Suite struct TaobaoImportTests {
    @Test(arguments: Backend.allCases) func behavioursBecomeEventsAndItemsTheirCategories(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        // Item 2633450 appears with two categories, as in the real log: the first is kept.
        let file = try fixtures.file(
            "UserBehavior.csv",
            """
            1,2268318,2520377,pv,1511544070
            1,2633450,4801426,fav,1511561733
            2,2633450,3002561,buy,1511572885
            2,2268318,2520377,cart,1511583000

            """)
        let summary = try Importer.importTaobao(from: file, into: fixtures.store)
        #expect(summary.items == 2 && summary.users == 2)
        #expect(summary.events == ["view": 1, "like": 1, "purchase": 1, "cart": 1])
        #expect(try fixtures.store.item(id: "2633450") == Item(id: "2633450", title: "", categories: ["4801426"]))
        #expect(
            try fixtures.store.events(ofUser: "2") == [
                Event(userID: "2", itemID: "2633450", type: .purchase, timestamp: 1_511_572_885),
                Event(userID: "2", itemID: "2268318", type: .cart, timestamp: 1_511_583_000)
            ])
        let again = try Importer.importTaobao(from: file, into: fixtures.store)
        #expect(again.inserted == 0 && again.duplicates == 4)
    }

    @Test(arguments: Backend.allCases) func anUnknownBehaviourNamesItsLineAndStoresNothing(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        let file = try fixtures.file("UserBehavior.csv", "1,5,7,pv,1511544070\n1,6,7,click,1511544071\n")
        do {
            _ = try Importer.importTaobao(from: file, into: fixtures.store)
            Issue.record("expected the unknown behaviour to stop the import")
        } catch let error as ImportError {
            #expect(
                error.description
                    == #"UserBehavior.csv:2: field 'behavior': expected pv, fav, cart or buy, found "click""#)
        }
        #expect(try fixtures.store.stats().events == 0 && fixtures.store.stats().items == 0)
    }
}
