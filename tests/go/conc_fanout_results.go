package main

import "fmt"

type result struct {
	job, value int
}

func worker(jobs <-chan int, results chan<- result) {
	for j := range jobs {
		results <- result{j, j * j * j}
	}
}

func main() {
	jobs := make(chan int, 100)
	results := make(chan result, 100)
	for w := 0; w < 3; w++ {
		go worker(jobs, results)
	}
	for j := 0; j < 9; j++ {
		jobs <- j
	}
	close(jobs)
	byJob := make([]int, 9)
	for i := 0; i < 9; i++ {
		r := <-results
		byJob[r.job] = r.value
	}
	fmt.Println(byJob)
}
