#pragma once

#include "AudioIO/FileAudioDecoder.h"
#include "Core/Error.h"
#include "Library/Catalog.h"
#include "Library/Scanner.h"

#include <juce_events/juce_events.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace moodboard::plugin
{

/** Owns the catalog and scans library folders on its own thread.

    The catalog is opened lazily on that thread (or on the suggestion thread, whichever asks
    first), so the message thread never waits on SQLite. The folder last scanned is remembered
    in a small JSON file in Paths::configDir(). Progress and results are published as a Status
    snapshot; listeners get a coalesced change message on the message thread and read it.
*/
class LibraryService final : public juce::ChangeBroadcaster,
                             private juce::Thread
{
public:
    /** One analysed track as the mood map draws it: the analysis' own valence and energy. */
    struct TrackPoint
    {
        std::int64_t id = 0;
        juce::String title, artist, keyName;   // keyName: "A minor", or empty when unknown
        double valence = 0.5, energy = 0.5;
        std::optional<double> tempoBpm;
        int key = -1, mode = -1;                // pitch class 0..11 and 1 major / 0 minor; -1 unknown
    };

    /** What the library bar shows. */
    struct Status
    {
        juce::String folder;                          // the library folder; empty when none yet
        int numTracks = -1;                           // tracks in the catalog; -1 until known
        bool isScanning = false;
        library::ScanProgress progress;               // of the running scan
        std::optional<library::ScanReport> lastReport;
        juce::String error;                           // for the user; empty when all is well
        // Every analysed track with valence and energy, loaded at start and after each scan;
        // null until loaded. A new vector each time, so a changed pointer means new data.
        std::shared_ptr<const std::vector<TrackPoint>> trackPoints;
    };

    LibraryService();
    ~LibraryService() override;

    /** A copy of the current status. Any thread. */
    [[nodiscard]] Status getStatus() const;

    /** Scans `folder` and remembers it as the library folder; a scan already running is
        cancelled first. Message thread. */
    void scanFolder (const juce::File& folder);

    /** Scans the remembered folder again, if there is one: files added since are analysed,
        unchanged files are skipped. Any thread. */
    void rescanRememberedFolder();

    /** Asks the running scan to stop after the files being analysed; what is stored stays.
        Any thread. */
    void cancelScan();

    /** The catalog, opened on first use; an Error the user can read when it cannot be opened.
        Never the message thread or the audio thread. */
    [[nodiscard]] Expected<library::Catalog*> getCatalog();

private:
    void run() override;
    void loadSettings();
    void saveSettings (const juce::String& folder);
    void refreshTrackCount();
    void refreshTrackPoints();
    void runScan (const juce::File& folder);
    void update (const std::function<void (Status&)>& change);

    audio::FileAudioDecoder decoder;

    std::mutex catalogMutex;
    std::unique_ptr<library::Catalog> catalog;

    mutable std::mutex statusMutex;
    Status status;

    std::mutex requestMutex;
    std::optional<juce::File> pendingScan;
    bool pendingRescan = false;

    std::atomic<bool> cancelFlag { false };
    std::int64_t trackPointsGeneration = -1;   // of the catalog when trackPoints was loaded

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (LibraryService)
};

} // namespace moodboard::plugin
