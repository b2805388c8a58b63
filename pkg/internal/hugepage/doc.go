// Package hugepage asks the operating system to back capex's heap with
// huge pages. Reading a million rows of CSV writes about 70 MB that were
// never touched before (the file's text, 48 bytes a point); with 4 KiB
// pages that is some 17,000 page faults, which on a virtual machine cost
// more than parsing the rows (about 13 µs each on the 2-CPU machine the
// benchmarks run on, against well under 1 µs for a 2 MiB page that the
// system has backed before).
//
// The Go runtime maps its heap as it grows, each time in a new mapping
// that carries no advice, and touches it as it places objects, so the
// package advises at the three points where capex knows memory is about
// to be written for the first time:
//
//   - at start-up (this package's initialisation, which runs before the
//     dependencies that fill the heap, such as tablewriter's 650 KB width
//     cache): the heap the runtime has mapped so far, a few MiB, is made
//     huge pages at once (MADV_HUGEPAGE, then MADV_COLLAPSE);
//   - Reserve, before a large input is read: the heap the run will need
//     is mapped at once, advised, and left free for what comes next;
//   - Advise, for one large buffer before it is first written.
//
// Off Linux, and where GODEBUG has disablethp=1 (the runtime's own switch
// for huge pages), every function does nothing. An error from the system
// is of no consequence: the memory is then backed as it would have been.
package hugepage
