package boltstore

// SetBulk sets the size from which an import is written as a bulk import
// and the puts of each of its transactions, for a test; the returned
// function restores them.
func SetBulk(fromElements, txPuts int) (restore func()) {
	f, p := bulkFromElements, bulkTxPuts
	bulkFromElements, bulkTxPuts = fromElements, txPuts
	return func() { bulkFromElements, bulkTxPuts = f, p }
}
