package main

// time.Now, Since, Until and Time's Add/Sub/Before/After/Equal. Only comparisons and
// rounded durations are printed: the exact values depend on the machine.

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	deadline := start.Add(50 * time.Millisecond)
	fmt.Println(deadline.After(start), deadline.Before(start), start.Equal(start))
	fmt.Println(deadline.Sub(start), start.Sub(deadline))
	fmt.Println(time.Until(deadline) > 0, time.Until(deadline) <= 50*time.Millisecond)
	time.Sleep(60 * time.Millisecond)
	fmt.Println(time.Until(deadline) < 0, time.Now().After(deadline))
	elapsed := time.Since(start)
	fmt.Println(elapsed >= 60*time.Millisecond, elapsed.Round(10*time.Second))
	fmt.Println(elapsed.Truncate(time.Hour) == 0)
}
