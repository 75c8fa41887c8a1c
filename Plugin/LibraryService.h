#pragma once

#include "AudioIO/FileAudioDecoder.h"
#include "Core/Error.h"
#include "Core/LibraryFolders.h"
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

/** Owns the catalog and scans the library folders on its own thread.

    The catalog is opened lazily on that thread (or on the suggestion thread, whichever asks
    first), so the message thread never waits on SQLite. The folders are kept in `library.json`
    in Paths::configDir() (Core's LibraryFolders; the one-folder form of earlier versions is read
    too). Adding or removing a folder is a request the thread carries out: the list is saved,
    every folder is scanned again (unchanged files are skipped), and a removed folder's tracks
    leave the catalog unless another watched folder holds them. Progress and results are
    published as a Status snapshot; listeners get a coalesced change message on the message
    thread and read it.
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
        int key = -1, mode = -1;                // pitch class 0..11 and 1 major / 0 minor;
                                                // -1 unknown
    };

    /** What the library bar shows. */
    struct Status
    {
        /** One watched folder. */
        struct Folder
        {
            juce::String path;
            int numTracks = -1;     // tracks of the catalog below it; -1 until counted
            bool missing = false;   // not there at the last look (an unplugged drive)
        };

        juce::String folder;                          // the first library folder; empty when none
        std::vector<Folder> folders;                  // every watched folder, in the user's order
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

    /** Adds `folder` to the watched folders (when it is not one yet) and scans them all; a scan
        already running is cancelled first. Any thread. */
    void scanFolder (const juce::File& folder);

    /** Stops watching `folder`: the list is saved and its tracks leave the catalog, except those
        below another watched folder. Any thread. */
    void removeFolder (const juce::String& folder);

    /** Scans every watched folder again: files added since are analysed, unchanged files are
        skipped, vanished files are forgotten. Any thread. */
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
    [[nodiscard]] bool saveSettings();
    void refreshTrackCount();
    void refreshTrackPoints();
    [[nodiscard]] bool applyAdditions (const std::vector<juce::File>& added);
    void applyRemovals (const std::vector<juce::String>& removed);
    void forgetTracksOf (const std::string& folder);
    void countFolders();
    void runScan();
    void update (const std::function<void (Status&)>& change);

    audio::FileAudioDecoder decoder;

    std::mutex catalogMutex;
    std::unique_ptr<library::Catalog> catalog;

    mutable std::mutex statusMutex;
    Status status;

    // Used only on the service's thread.
    LibraryFolders folders;
    bool settingsDamaged = false;   // library.json could not be read; it is kept before a write

    std::mutex requestMutex;
    std::vector<juce::File> pendingAdditions;
    std::vector<juce::String> pendingRemovals;
    bool pendingRescan = false;

    std::atomic<bool> cancelFlag { false };
    std::int64_t trackPointsGeneration = -1;   // of the catalog when trackPoints was loaded

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (LibraryService)
};

} // namespace moodboard::plugin
