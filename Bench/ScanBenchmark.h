#pragma once

namespace moodboard::bench
{

/** `moodboard_bench --scan [FILES]`: library scanning at the scale of a collection. Prints the
    peak resident memory of analysing a three-minute and a three-hour file, the tracks per minute
    of a first scan of FILES Ogg files on all cores, and the time to rescan an unchanged catalog
    of 10,000 entries. Works in a scratch folder below the system's temp folder and removes it.
    Main thread; returns the process exit code.
*/
[[nodiscard]] int runScanBenchmark (int numFiles);

} // namespace moodboard::bench
