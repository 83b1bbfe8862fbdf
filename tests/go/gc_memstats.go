// runtime.ReadMemStats, runtime.GC, debug.SetGCPercent and debug.SetMemoryLimit: what a
// program can observe of the collector without depending on timing.
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

var keep [][]byte

func main() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	before := m.NumGC
	for i := 0; i < 2000; i++ {
		keep = append(keep, make([]byte, 4096))
		if i%100 == 0 {
			keep = nil
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&m)
	fmt.Println(m.NumGC > before, m.NumForcedGC, m.Mallocs > m.Frees, m.TotalAlloc >= m.HeapAlloc, m.HeapObjects > 0)
	old := debug.SetGCPercent(50)
	fmt.Println(old, debug.SetGCPercent(old))
	fmt.Println(debug.SetMemoryLimit(-1) > 0)
}
