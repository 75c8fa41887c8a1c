#pragma once

/** `moodboard_bench --decode FILE...`: decodes each file to its end with our decoder and
    nothing else, so that the comparison benchmark can set analysis time against bare decoding
    time. Prints one `decoded_seconds <file>: value s` line per file; returns the number of
    files that failed. Main thread.
*/
[[nodiscard]] int runDecodeOnly (int numFiles, char** files);
