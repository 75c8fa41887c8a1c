#pragma once

#include "ChatPanel.h"
#include "LibraryBar.h"
#include "MoodMap.h"
#include "MoodboardLookAndFeel.h"
#include "PlaylistView.h"
#include "SaveConfirmationOverlay.h"
#include "SettingsPage.h"
#include "SpotifyPushOverlay.h"
#include "SpotifyPushService.h"
#include "SuggestionService.h"

#include <juce_audio_processors/juce_audio_processors.h>

#include <memory>

namespace moodboard::plugin
{

class PluginProcessor;
struct MoodboardServices;

/** The whole Music Moodboard interface, in a host or as the standalone app: the library bar on
    top (with the account button), the chat on the left, on the right the session's live mood,
    the mood map and the playlist, and the save or Spotify confirmation over all.

    It only shows state and forwards requests: the library and suggestion services do the work
    off the message thread and answer through change messages or SafePointer-guarded callbacks.
    Every key is a command of the editor's juce::ApplicationCommandManager (MoodCommands.h),
    changeable in Moods & keys: Ctrl+1..9 (Cmd on macOS) pick a mood preset, Ctrl+K opens Moods &
    keys, Ctrl+S opens the save confirmation once a playlist is shown; Ctrl+, or the
    library bar's "Settings" opens the settings page. "Send to
    Spotify" runs the editor's own SpotifyPushService, whose worker waits for the answer given
    in the Spotify overlay; closing the editor answers no and waits for that worker.
*/
class PluginEditor final : public juce::AudioProcessorEditor,
                           private juce::ChangeListener,
                           public juce::ApplicationCommandTarget,
                           private juce::FocusChangeListener,
                           private juce::Timer
{
public:
    static constexpr int defaultWidth = 1000;
    static constexpr int defaultHeight = 680;
    static constexpr int minimumWidth = 780;
    static constexpr int minimumHeight = 520;

    explicit PluginEditor (PluginProcessor&);
    ~PluginEditor() override;

    /** Builds a playlist for mood preset `index` (0-based, in the order of MoodPresetService),
        says "Mood preset: <name>" in the chat and shows the playlist when it is ready. While
        another playlist is being built the preset waits and follows it. Takes no keyboard focus
        and leaves the window where it is, so a desktop key or MIDI can call it while the user
        works elsewhere. False when there is no such preset. Message thread. */
    bool selectMoodPreset (int index);

    /** selectMoodPreset for the preset with this name (case and surrounding spaces ignored) or
        number ("1".."N"); an unknown one is said in the chat and gives false. Message thread. */
    bool selectMoodPreset (const juce::String& nameOrNumber);

    void paint (juce::Graphics&) override;
    void paintOverChildren (juce::Graphics&) override;
    void resized() override;
    void parentHierarchyChanged() override;
    void visibilityChanged() override;

    /** The editor's commands (PluginEditorCommands.cpp, ids in MoodCommands.h): mood presets
        1..9, save, settings, Moods & keys. Message thread. */
    juce::ApplicationCommandTarget* getNextCommandTarget() override { return nullptr; }
    void getAllCommands (juce::Array<juce::CommandID>&) override;
    void getCommandInfo (juce::CommandID, juce::ApplicationCommandInfo&) override;
    bool perform (const InvocationInfo&) override;

    /** The manager whose keys reach this editor's commands. Message thread. */
    [[nodiscard]] juce::ApplicationCommandManager& getCommandManager() noexcept
    {
        return commandManager;
    }

private:
    void changeListenerCallback (juce::ChangeBroadcaster*) override;
    void setUpCommands();
    void releaseCommands();
    void moodPresetsChanged();
    void updateChips();
    static constexpr int numPresetChips = 4;   // chips for the first presets, then refinements
    void restoreKeyMappings();
    void globalFocusChanged (juce::Component*) override;
    [[nodiscard]] bool isCoveredByOverlay() const;
    void openMoodsAndKeys();
    void focusChatOnceShown();

    void timerCallback() override;
    void suggestForSession();
    void suggestForMap (const mood::MoodTarget& target);

    void chooseLibraryFolder();
    void showAccount (const AccountService::Status&);
    void accountClicked();
    void sendMood (const juce::String& text);
    void showSuggestion (const SuggestionResult& result);
    [[nodiscard]] juce::String describePlaylist (const SuggestionResult&) const;

    void openSettings();
    void closeSettings();

    void openSaveConfirmation();
    void closeSaveConfirmation();
    void savePlaylist (const juce::File& file, const juce::String& name, bool replace);
    void showSaveOutcome (const juce::Result& outcome, const juce::File& file,
                          const juce::File& asked);

    void sendToSpotify();
    void sendToSpotify (const SpotifyRequest& request);
    bool startSpotifyPush (std::shared_ptr<const matching::Playlist> toSend,
                           const juce::String& name, bool cover, bool sayRequest);
    void showSpotifyPlan (const spotify::PushPlan& plan);
    void answerSpotify (bool send);
    void spotifyFinished();

    PluginProcessor& processor;
    MoodboardServices& services;

    // Before the components: its key mappings listen to the focused ones until the destructor.
    juce::ApplicationCommandManager commandManager;
    juce::Array<juce::Component::SafePointer<juce::Component>> keyListened;

    MoodboardLookAndFeel lookAndFeel;
    juce::TooltipWindow tooltips { this, 600 };

    LibraryBar libraryBar;
    ChatPanel chat;
    PlaylistView playlistView;
    MoodMap moodMap;
    juce::Label sessionLabel;
    juce::TextButton sessionButton { "Tracks like this" };
    int shownEstimates = -1;
    std::unique_ptr<SaveConfirmationOverlay> overlay;
    std::unique_ptr<SpotifyPushOverlay> spotifyOverlay;
    std::unique_ptr<SettingsPage> settingsPage;
    std::optional<spotify::PushPlan> waitingSpotifyPlan;   // arrived while saving was asked
    std::shared_ptr<const matching::Playlist> spotifyPlaylist;
    std::unique_ptr<juce::FileChooser> folderChooser;

    std::shared_ptr<const matching::Playlist> playlist;
    juce::String playlistName;
    juce::File playlistFolder;
    bool isBuilding = false;
    std::optional<int> waitingPreset;   // asked for while another playlist was being built
    bool focusGiven = false;
    int loggedTrackCount = -1;
    bool scanWasRunning = false;   // the library was scanning at the last status
    juce::String loggedLibraryError;
    juce::String shownAccountAddress, shownAccountMessage;
    int loggedAccountState = -1;

    // Last, so it is destroyed first: its callbacks use the members above.
    SpotifyPushService spotifyPush;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (PluginEditor)
};

} // namespace moodboard::plugin
