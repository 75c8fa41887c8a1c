#pragma once

#include <optional>

namespace moodboard::plugin
{

/** Milliseconds from the start of this process (the kernel's start time in /proc/self/stat, at
    its 10 ms resolution) to now; empty when /proc cannot be read. Any thread.
*/
[[nodiscard]] std::optional<double> millisecondsSinceProcessStart();

/** Writes "[ui] first frame painted N ms after start" to the log the first time it is called in
    the standalone app; does nothing in a plugin host (whose start says nothing about us) and
    on later calls. Message thread.
*/
void noteFramePainted();

} // namespace moodboard::plugin
