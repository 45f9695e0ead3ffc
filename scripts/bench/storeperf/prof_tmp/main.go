package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/store/boltstore"
)

func main() {
	ctx := context.Background()
	dir := os.Args[1]
	db := "/tmp/sp-prof.db"
	os.Remove(db)
	st, _ := boltstore.Open(ctx, db)
	pf, _ := os.ReadFile(dir + "/places.json")
	pb, _ := interchange.Parse(interchange.JSON, pf, "")
	st.Import(ctx, pb)
	f, _ := os.Create("/tmp/sp-cpu.prof")
	pprof.StartCPUProfile(f)
	t := time.Now()
	in, _ := os.Open(dir + "/" + os.Args[2])
	b, err := interchange.ParseStream(interchange.Format(os.Args[3]), in, "", nil)
	if err != nil {
		panic(err)
	}
	fmt.Println("parse", time.Since(t), "cpu", cpu())
	t = time.Now()
	if _, err := st.Import(ctx, b); err != nil {
		panic(err)
	}
	fmt.Println("import", time.Since(t), "cpu", cpu())
	pprof.StopCPUProfile()
	st.Close()
}

func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
