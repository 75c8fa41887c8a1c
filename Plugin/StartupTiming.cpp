#include "StartupTiming.h"

#include "Core/Log.h"

#include <juce_events/juce_events.h>

#include <time.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace moodboard::plugin
{

std::optional<double> millisecondsSinceProcessStart()
{
    std::ifstream stat ("/proc/self/stat");
    std::string text;
    if (! std::getline (stat, text))
        return std::nullopt;

    // The program name in field 2 may hold spaces and parentheses: count from the last ')'.
    const auto close = text.rfind (')');
    if (close == std::string::npos)
        return std::nullopt;
    std::istringstream fields (text.substr (close + 2));
    std::string field;
    for (int number = 3; number < 22 && fields >> field; ++number) {}
    unsigned long long startTicks = 0;
    if (! (fields >> startTicks))
        return std::nullopt;

    timespec now {};
    const auto ticksPerSecond = ::sysconf (_SC_CLK_TCK);
    if (ticksPerSecond <= 0 || ::clock_gettime (CLOCK_BOOTTIME, &now) != 0)
        return std::nullopt;

    const double nowMs = (double) now.tv_sec * 1000.0 + (double) now.tv_nsec / 1.0e6;
    return nowMs - (double) startTicks * 1000.0 / (double) ticksPerSecond;
}

void noteFramePainted()
{
    static bool logged = false;
    if (logged || ! juce::JUCEApplicationBase::isStandaloneApp())
        return;
    logged = true;

    if (const auto elapsed = millisecondsSinceProcessStart())
        log::info ("ui", "first frame painted " + std::to_string ((long long) (*elapsed + 0.5))
                             + " ms after start");
}

} // namespace moodboard::plugin
