/// A Java `ArrayList` as a template sees it: ordered, mutable through `add`/`set`/`remove`, shared
/// by reference between the variables that hold it.
package final class VTLList {
    package var items: [VTLValue]

    package init(_ items: [VTLValue] = []) { self.items = items }

    package var count: Int { items.count }
}
