#include "PluginEditor.h"

#include "PluginProcessor.h"
#include "StartupTiming.h"
#include "TextFormat.h"

#include "Core/Log.h"
#include "Matching/LiveTarget.h"

namespace moodboard::plugin
{
namespace
{
constexpr int gap = 10;
constexpr int libraryBarHeight = 64;
constexpr int sessionStripHeight = 30;

void logUi (const juce::String& message) { log::info ("ui", message.toStdString()); }

juce::String fromUtf8 (const std::string& text) { return juce::String::fromUTF8 (text.c_str()); }
} // namespace

PluginEditor::PluginEditor (PluginProcessor& p)
    : juce::AudioProcessorEditor (p), processor (p), services (p.getServices())
{
    setLookAndFeel (&lookAndFeel);
    setOpaque (true);
    setTitle ("Music Moodboard");

    libraryBar.onChooseFolder = [this] { chooseLibraryFolder(); };
    libraryBar.onCancelScan = [this]
    {
        logUi ("scan cancel requested");
        services.library.cancelScan();
    };
    libraryBar.onAccountClicked = [this] { accountClicked(); };
    libraryBar.onSettingsClicked = [this] { openSettings(); };
    addAndMakeVisible (libraryBar);

    chat.onSend = [this] (const juce::String& text) { sendMood (text); };
    // Quick chips: the first four mood presets, then two refinements of the playlist shown.
    chat.onChip = [this] (int index)
    {
        logUi ("chip pressed: " + juce::String (index + 1));
        if (index < numPresetChips)
            (void) selectMoodPreset (index);
        else
            sendMood (index == numPresetChips ? "more upbeat" : "calmer");
    };
    updateChips();
    addAndMakeVisible (chat);

    playlistView.onSaveRequested = [this] { openSaveConfirmation(); };
    playlistView.onSpotifyRequested = [this] { sendToSpotify(); };
    playlistView.onPlaylistEdited = [this] (std::shared_ptr<const matching::Playlist> edited)
    {
        // Save and Send to Spotify use the playlist as the user edited it, and so does the chat.
        playlist = std::move (edited);
        services.suggestions.playlistEdited (playlist);
        moodMap.setPlaylist (playlist);
    };
    addAndMakeVisible (playlistView);

    moodMap.onTargetChosen = [this] (const mood::MoodTarget& target) { suggestForMap (target); };
    addAndMakeVisible (moodMap);

    sessionLabel.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight));
    sessionLabel.setColour (juce::Label::textColourId, palette::textDim);
    // The standalone app hears its audio input, which JUCE's wrapper mutes until the user says.
    sessionLabel.setText (processor.wrapperType == juce::AudioProcessor::wrapperType_Standalone
                              ? "Listening to this computer's audio input (unmute it under "
                                "Options > Audio/MIDI Settings)..."
                              : "Listening to the audio through this plugin...",
                          juce::dontSendNotification);
    addAndMakeVisible (sessionLabel);
    sessionButton.setTooltip ("Build a playlist from your library that fits what is playing");
    sessionButton.setEnabled (false);
    sessionButton.onClick = [this] { suggestForSession(); };
    addAndMakeVisible (sessionButton);
    startTimerHz (2);

    spotifyPush.onMessage = [this] (const juce::String& text, SpotifyPushService::Tone tone)
    {
        chat.addMessage (tone == SpotifyPushService::Tone::problem ? ChatHistory::Author::problem
                                                                   : ChatHistory::Author::moodboard,
                         text);
        logUi ("spotify message shown: " + text.upToFirstOccurrenceOf ("\n", false, false));
    };
    spotifyPush.onConfirmationNeeded = [this] (const spotify::PushPlan& plan)
    {
        showSpotifyPlan (plan);
    };
    spotifyPush.onFinished = [this] { spotifyFinished(); };

    juce::String welcome = "Hello! Tell me how you feel or what you are doing, and I will build a "
                           "playlist from your own music.";
    if (const auto last = processor.getLastMoodText(); last.isNotEmpty())
        welcome << " Last time you asked for: \"" << last << "\".";

    chat.addMessage (ChatHistory::Author::moodboard, welcome);

    services.library.addChangeListener (this);
    services.account.addChangeListener (this);
    changeListenerCallback (nullptr);
    changeListenerCallback (&services.account);
    setUpCommands();

    setResizable (true, true);
    setResizeLimits (minimumWidth, minimumHeight, 3200, 2400);
    setSize (defaultWidth, defaultHeight);

    logUi ("editor opened");
}

PluginEditor::~PluginEditor()
{
    stopTimer();
    // Answers a question still open with no and waits for the worker before anything goes.
    spotifyPush.stop();
    if (spotifyOverlay != nullptr)
        spotifyOverlay->exitModalState (0);
    if (overlay != nullptr)
        overlay->exitModalState (0);
    if (settingsPage != nullptr)
        settingsPage->exitModalState (0);

    services.library.removeChangeListener (this);
    services.account.removeChangeListener (this);
    releaseCommands();
    setLookAndFeel (nullptr);
    logUi ("editor closed");
}

void PluginEditor::parentHierarchyChanged() { focusChatOnceShown(); }

void PluginEditor::visibilityChanged() { focusChatOnceShown(); }

void PluginEditor::focusChatOnceShown()
{
    // Typing should go straight to the chat once the window is on screen.
    if (focusGiven || ! isShowing())
        return;

    focusGiven = true;
    juce::Component::SafePointer<PluginEditor> safe (this);
    juce::MessageManager::callAsync ([safe]
    {
        if (safe != nullptr && safe->overlay == nullptr && safe->spotifyOverlay == nullptr)
            safe->chat.getInput().grabKeyboardFocus();
    });
}

void PluginEditor::paint (juce::Graphics& g)
{
    g.fillAll (palette::background);
}

// After the children: the end of a whole frame, which the start-up figure measures to.
void PluginEditor::paintOverChildren (juce::Graphics&) { noteFramePainted(); }

void PluginEditor::resized()
{
    auto area = getLocalBounds().reduced (gap);

    libraryBar.setBounds (area.removeFromTop (libraryBarHeight));
    area.removeFromTop (gap);

    const auto chatWidth = juce::jlimit (260, 420, area.getWidth() * 30 / 100);
    chat.setBounds (area.removeFromLeft (chatWidth));
    area.removeFromLeft (gap);

    auto session = area.removeFromTop (sessionStripHeight);
    sessionButton.setBounds (session.removeFromRight (150).reduced (0, 2));
    sessionLabel.setBounds (session);
    area.removeFromTop (gap / 2);
    // The map gives way to the table: a third of the column, so at the default size the
    // playlist still shows six tracks.
    moodMap.setBounds (area.removeFromTop (juce::jlimit (130, 320, area.getHeight() / 3)));
    area.removeFromTop (gap / 2);
    playlistView.setBounds (area);

    if (overlay != nullptr)
        overlay->setBounds (getLocalBounds());
    if (spotifyOverlay != nullptr)
        spotifyOverlay->setBounds (getLocalBounds());
    if (settingsPage != nullptr)
        settingsPage->setBounds (getLocalBounds());
}

void PluginEditor::changeListenerCallback (juce::ChangeBroadcaster* source)
{
    if (source == &services.account)
        return showAccount (services.account.getStatus());
    if (source == &services.moodPresets)
        return moodPresetsChanged();

    const auto status = services.library.getStatus();
    libraryBar.update (status);
    moodMap.setTracks (status.trackPoints);

    // One line per settled library, not one per scanned file.
    const auto settled = status.isScanning ? -1 : status.numTracks;

    if (settled >= 0 && settled != loggedTrackCount)
        logUi ("library shown: " + juce::String (settled) + " tracks");

    if (status.error.isNotEmpty() && status.error != loggedLibraryError)
        logUi ("library problem shown: " + status.error);

    loggedTrackCount = settled;
    loggedLibraryError = status.error;

    // A scan that just ended names the files it could not read in the chat, where the user looks;
    // the library bar's counts carry the whole list as their tooltip.
    if (status.isScanning)
    {
        scanWasRunning = true;
    }
    else if (std::exchange (scanWasRunning, false) && status.lastReport
             && ! status.lastReport->failures.empty())
    {
        const auto& failures = status.lastReport->failures;
        juce::String text;
        text << (int) failures.size() << (failures.size() == 1 ? " file" : " files")
             << " could not be read:";
        for (std::size_t i = 0; i < failures.size() && i < 3; ++i)
            text << "\n" << fromUtf8 (failures[i].reason);   // names the file
        if (failures.size() > 3)
            text << "\n(hover the library's counts for all of them)";
        chat.addMessage (ChatHistory::Author::problem, text);
        logUi ("scan failures shown: " + juce::String ((int) failures.size()));
    }
}

void PluginEditor::updateChips()
{
    juce::StringArray labels;
    const auto& presets = services.moodPresets.getPresets();
    for (std::size_t i = 0; i < presets.size() && i < (std::size_t) numPresetChips; ++i)
        labels.add (fromUtf8 (presets[i].name));
    while (labels.size() < numPresetChips)   // fewer presets than chips: keep the indices right
        labels.add ({});
    labels.add ("More upbeat");
    labels.add ("Calmer");
    chat.setChips (labels);
}

void PluginEditor::showAccount (const AccountService::Status& status)
{
    libraryBar.showAccount (status);

    // Each outcome is said once in the chat; the address only when the browser did not open.
    if (status.address.isNotEmpty() && status.address != shownAccountAddress)
        chat.addMessage (ChatHistory::Author::moodboard,
                         "Your browser could not be opened. Open this address to sign in:\n"
                             + status.address);
    if (status.message.isNotEmpty() && status.message != shownAccountMessage)
        chat.addMessage (status.state == AccountService::State::signedIn
                             ? ChatHistory::Author::moodboard
                             : ChatHistory::Author::problem,
                         status.message);

    shownAccountAddress = status.address;
    shownAccountMessage = status.message;

    const juce::StringArray names { "unknown", "not configured", "signed out", "signing in",
                                    "signed in" };
    if (const auto state = (int) status.state; state != loggedAccountState)
    {
        logUi ("account shown: " + names[state]);
        // The assistant filters the guides for whoever is signed in.
        if (status.state == AccountService::State::signedIn
            || status.state == AccountService::State::signedOut)
            services.suggestions.signInChanged();
    }
    loggedAccountState = (int) status.state;
}

void PluginEditor::accountClicked()
{
    using State = AccountService::State;
    const auto status = services.account.getStatus();

    if (status.state == State::signingIn)
        return services.account.cancelSignIn();

    if (status.state == State::notConfigured)
        return chat.addMessage (ChatHistory::Author::problem,
                                status.message.isNotEmpty()
                                    ? status.message
                                    : juce::String ("Sign-in is not set up yet: the README's "
                                                    "\"Signing in\" says which Auth0 or Spotify "
                                                    "settings to give."));

    if (status.state == State::signedOut)
    {
        logUi ("sign-in requested");
        return services.account.signIn();
    }

    juce::PopupMenu menu;
    menu.addItem ("Sign out " + status.user, [this]
    {
        logUi ("sign-out requested");
        services.account.signOut();
    });
    menu.showMenuAsync (
        juce::PopupMenu::Options().withTargetComponent (libraryBar.getAccountButton()));
}

void PluginEditor::openSettings()
{
    // A confirmation that is open keeps the keyboard until it is answered.
    if (settingsPage != nullptr || overlay != nullptr || spotifyOverlay != nullptr)
        return;

    // MIDI learn belongs to a host's plugin; the standalone app has no MIDI input of its own.
    const auto inPlugin = processor.wrapperType != juce::AudioProcessor::wrapperType_Standalone;
    auto* midiMap = inPlugin ? &processor.getMidiPresetMap() : nullptr;
    settingsPage = std::make_unique<SettingsPage> (services, midiMap);
    settingsPage->onClose = [this] { closeSettings(); };
    addAndMakeVisible (*settingsPage);
    settingsPage->setBounds (getLocalBounds());
    settingsPage->enterModalState (true);
    settingsPage->showTab (SettingsPage::Tab::library);
    logUi ("settings opened");
}

void PluginEditor::closeSettings()
{
    if (settingsPage == nullptr)
        return;

    settingsPage->exitModalState (0);
    removeChildComponent (settingsPage.get());

    // This runs inside one of the page's own callbacks, so it is deleted once they return.
    std::shared_ptr<SettingsPage> closing (settingsPage.release());
    juce::MessageManager::callAsync ([closing] {});
    chat.getInput().grabKeyboardFocus();
    logUi ("settings closed");
}

void PluginEditor::timerCallback()
{
    if (! isBuilding && waitingPreset)
        selectMoodPreset (*std::exchange (waitingPreset, std::nullopt));

    // A preset asked for by MIDI or by the host's moodPreset parameter.
    if (const auto requested = processor.takeRequestedMoodPreset())
        selectMoodPreset (*requested);

    // The analyser makes a new estimate every few seconds; the label follows the newest.
    const auto live = processor.getLiveMood();
    const auto estimates = processor.getNumLiveEstimates();
    if (! live || estimates == shownEstimates)
        return;

    shownEstimates = estimates;
    moodMap.setLiveMood (live->silent ? std::nullopt
                                      : std::optional<mood::MoodPoint> (
                                          { live->features.valence.value_or (0.5),
                                            live->features.energy.value_or (0.5) }));
    const auto text = live->silent ? juce::String ("The session is silent.")
                                   : "Session: "
                                         + fromUtf8 (matching::describeLive (live->features));
    sessionLabel.setText (text, juce::dontSendNotification);
    sessionButton.setEnabled (! live->silent);
    logUi ("session mood shown: " + text);
}

void PluginEditor::suggestForSession()
{
    const auto live = processor.getLiveMood();
    if (isBuilding || ! live || live->silent)
        return;

    isBuilding = true;
    chat.setBusy (true);
    playlistView.setBuilding (true);
    chat.addMessage (ChatHistory::Author::user, "Tracks like what the session plays");
    logUi ("session playlist requested");

    juce::Component::SafePointer<PluginEditor> safe (this);
    services.suggestions.requestPlaylistFor (matching::targetLike (live->features), "Session mood",
                                             [safe] (SuggestionResult result)
    {
        if (safe != nullptr)
            safe->showSuggestion (result);
    });
}

bool PluginEditor::selectMoodPreset (int index)
{
    const auto& presets = services.moodPresets.getPresets();
    if (index < 0 || index >= (int) presets.size())
    {
        logUi ("mood preset not found: " + juce::String (index + 1));
        return false;
    }

    const auto& preset = presets[(size_t) index];
    const auto name = fromUtf8 (preset.name);
    if (isBuilding)
    {
        // The newest wish wins; the timer starts it once the playlist being built is shown.
        waitingPreset = index;
        logUi ("mood preset waiting: " + name);
        return true;
    }

    isBuilding = true;
    chat.setBusy (true);
    playlistView.setBuilding (true);
    chat.addMessage (ChatHistory::Author::user, "Mood preset: " + name);
    logUi ("mood preset selected: " + name);

    juce::Component::SafePointer<PluginEditor> safe (this);
    services.suggestions.requestPlaylistFor (preset.toTarget(), name,
                                             [safe] (SuggestionResult result)
    {
        if (safe != nullptr)
            safe->showSuggestion (result);
    });
    return true;
}

bool PluginEditor::selectMoodPreset (const juce::String& nameOrNumber)
{
    const auto& presets = services.moodPresets.getPresets();
    if (const auto index = mood::findMoodPresetIndex (presets, nameOrNumber.toStdString()))
        return selectMoodPreset ((int) *index);

    juce::StringArray names;
    for (const auto& preset : presets)
        names.add (fromUtf8 (preset.name));
    chat.addMessage (ChatHistory::Author::problem,
                     "There is no mood preset \"" + nameOrNumber.trim() + "\". The presets are: "
                         + names.joinIntoString (", ") + ".");
    logUi ("mood preset not found: " + nameOrNumber.trim());
    return false;
}

void PluginEditor::suggestForMap (const mood::MoodTarget& target)
{
    if (isBuilding)
        return chat.addMessage (ChatHistory::Author::problem,
                                "A playlist is still being built: pick on the map again once it "
                                "is shown.");

    const auto where = MoodMap::describe (target);
    isBuilding = true;
    chat.setBusy (true);
    playlistView.setBuilding (true);
    chat.addMessage (ChatHistory::Author::user, "From the map: " + where);
    logUi (juce::String ("map target set: valence ") + juce::String (target.end.valence, 2)
           + " energy " + juce::String (target.end.energy, 2)
           + (target.start ? " (" + juce::String (mood::toString (target.arc)) + ")" : ""));

    juce::Component::SafePointer<PluginEditor> safe (this);
    services.suggestions.requestPlaylistFor (target, "Map: " + where,
                                             [safe] (SuggestionResult result)
    {
        if (safe != nullptr)
            safe->showSuggestion (result);
    });
}

void PluginEditor::chooseLibraryFolder()
{
    const auto current = juce::File (services.library.getStatus().folder);
    const auto start = current.isDirectory()
                           ? current
                           : juce::File::getSpecialLocation (juce::File::userMusicDirectory);

    folderChooser = std::make_unique<juce::FileChooser> ("Choose your music folder", start);
    const auto chooserFlags = juce::FileBrowserComponent::openMode
                       | juce::FileBrowserComponent::canSelectDirectories;

    juce::Component::SafePointer<PluginEditor> safe (this);
    folderChooser->launchAsync (chooserFlags, [safe] (const juce::FileChooser& fc)
    {
        const auto folder = fc.getResult();

        if (safe == nullptr || folder == juce::File())
            return;

        logUi ("library folder chosen: " + folder.getFullPathName());
        safe->services.library.scanFolder (folder);
    });
}

void PluginEditor::sendMood (const juce::String& text)
{
    if (isBuilding)
        return;

    isBuilding = true;
    chat.addMessage (ChatHistory::Author::user, text);
    chat.setBusy (true);
    playlistView.setBuilding (true);
    processor.setLastMoodText (text);
    logUi ("mood sent: " + text);

    juce::Component::SafePointer<PluginEditor> safe (this);
    services.suggestions.requestPlaylist (text, [safe] (SuggestionResult result)
    {
        if (safe != nullptr)
            safe->showSuggestion (result);
    });
}

juce::String PluginEditor::describePlaylist (const SuggestionResult& result) const
{
    const auto& list = *result.playlist;
    juce::String reply;

    if (result.modelNotice.isNotEmpty())
        reply << result.modelNotice << "\n";

    if (result.reply.isNotEmpty())
        reply << result.reply << "\n";
    else if (! list.mood.explanation.empty())
        reply << "I understood: " << fromUtf8 (list.mood.explanation) << "\n";

    reply << "Here is \"" << playlistName << "\": "
          << format::trackCount ((int) list.entries.size()) << ", "
          << format::playlistLength (list.getTotalSeconds()) << ".";

    for (const auto& note : list.notes)
        reply << "\n" << fromUtf8 (note);

    if (result.question.isNotEmpty())
        reply << "\n" << result.question;

    return reply;
}

void PluginEditor::showSuggestion (const SuggestionResult& result)
{
    isBuilding = false;
    chat.setBusy (false);
    playlistView.setBuilding (false);

    // Why the configured language model was not used opens whatever the reply is.
    const auto withNotice = [&result] (const juce::String& text)
    {
        return result.modelNotice.isEmpty() ? text
               : text.isEmpty()              ? result.modelNotice
                                             : result.modelNotice + "\n" + text;
    };
    if (result.modelNotice.isNotEmpty())
        logUi ("language model notice: " + result.modelNotice);

    if (result.playlist == nullptr && result.error.isEmpty()
        && (result.answer.isNotEmpty() || result.spotifyRequest))
    {
        // An answer that changes no playlist: from the guides, about a track, or about Spotify.
        if (result.answer.isNotEmpty() || result.modelNotice.isNotEmpty())
        {
            chat.addMessage (ChatHistory::Author::moodboard, withNotice (result.answer));
            logUi ("assistant answer shown");
        }
        if (result.spotifyRequest)
            sendToSpotify (*result.spotifyRequest);
        return;
    }

    if (result.playlist == nullptr || result.playlist->entries.empty())
    {
        const auto message = result.error.isNotEmpty()
                                 ? result.error
                                 : juce::String ("No track in your library fits that mood yet.");
        chat.addMessage (ChatHistory::Author::problem, withNotice (message));
        logUi ("playlist not built: " + message);
        return;
    }

    playlist = result.playlist;
    // A refinement ("more upbeat") keeps the name of the playlist it changes.
    if (! result.refined || playlistName.isEmpty())
        playlistName = format::playlistName (result.moodText);
    playlistFolder = result.playlistFolder;

    playlistView.setPlaylist (playlist, playlistName);
    moodMap.setPlaylist (playlist);
    chat.addMessage (ChatHistory::Author::moodboard, describePlaylist (result));
    logUi ("playlist shown: " + juce::String ((int) playlist->entries.size()) + " tracks"
           + (result.refined ? " (refined)" : ""));
    logUi ("playlist mood: valence " + juce::String (playlist->mood.end.valence, 2) + " energy "
           + juce::String (playlist->mood.end.energy, 2));
    if (result.spotifyRequest)
        sendToSpotify (*result.spotifyRequest);
}

void PluginEditor::openSaveConfirmation()
{
    // Only a finished playlist can be confirmed; one being built may still change.
    if (overlay != nullptr || spotifyOverlay != nullptr || isBuilding || playlist == nullptr
        || playlist->entries.empty())
        return;

    const auto summary = format::trackCount ((int) playlist->entries.size()) + ", "
                         + format::playlistLength (playlist->getTotalSeconds());

    overlay = std::make_unique<SaveConfirmationOverlay> (playlistName, summary, playlistFolder);
    overlay->onSave = [this] (const juce::File& file, const juce::String& name, bool replace)
    {
        savePlaylist (file, name, replace);
    };
    overlay->onCancel = [this]
    {
        closeSaveConfirmation();
        logUi ("confirmation overlay cancelled");
    };

    addAndMakeVisible (*overlay);
    overlay->setBounds (getLocalBounds());
    overlay->enterModalState (true);
    overlay->focusDefaultButton();
    logUi ("confirmation overlay opened: " + overlay->getTargetFile().getFullPathName());
}

void PluginEditor::closeSaveConfirmation()
{
    if (overlay == nullptr)
        return;

    overlay->exitModalState (0);
    removeChildComponent (overlay.get());

    // This runs inside one of the overlay's own callbacks, so it is deleted once they return.
    std::shared_ptr<SaveConfirmationOverlay> closing (overlay.release());
    juce::MessageManager::callAsync ([closing] {});

    chat.getInput().grabKeyboardFocus();

    // A Spotify question that came while saving was asked is shown now.
    if (auto waiting = std::exchange (waitingSpotifyPlan, std::nullopt))
        showSpotifyPlan (*waiting);
}

void PluginEditor::savePlaylist (const juce::File& file, const juce::String& name, bool replace)
{
    closeSaveConfirmation();
    // The name asked for; "playlist saved" below names the file written (a taken name gets a
    // number unless replacing was confirmed).
    logUi ("save confirmed, asked for: " + file.getFullPathName()
           + (replace ? " (replacing it)" : ""));

    juce::Component::SafePointer<PluginEditor> safe (this);
    services.suggestions.savePlaylist (playlist, file, name, replace,
                                       [safe, file] (juce::Result outcome, juce::File written)
    {
        if (safe != nullptr)
            safe->showSaveOutcome (outcome, written, file);
    });
}

void PluginEditor::showSaveOutcome (const juce::Result& outcome, const juce::File& file,
                                    const juce::File& asked)
{
    if (outcome.failed())
    {
        chat.addMessage (ChatHistory::Author::problem,
                         "The playlist was not saved. " + outcome.getErrorMessage());
        logUi ("playlist not saved: " + outcome.getErrorMessage());
        return;
    }

    juce::String message;
    message << "Saved \"" << file.getFileName() << "\" in "
            << file.getParentDirectory().getFullPathName();
    if (file != asked)
        message << ". \"" << asked.getFileName()
                << "\" was there already and stays as it is.";
    chat.addMessage (ChatHistory::Author::moodboard, message);
    logUi ("playlist saved: " + file.getFullPathName());
}

void PluginEditor::sendToSpotify()
{
    // Only a finished playlist is sent; one being built may still change.
    if (isBuilding || spotifyPush.isBusy() || overlay != nullptr || spotifyOverlay != nullptr
        || playlist == nullptr || playlist->entries.empty())
        return;

    (void) startSpotifyPush (playlist, playlistName, true, true);
}

void PluginEditor::sendToSpotify (const SpotifyRequest& request)
{
    logUi ("spotify push asked for in the chat");

    // The request goes through the same confirmation as the button, for the playlist shown.
    if (playlist == nullptr || playlist->entries.empty())
        return chat.addMessage (ChatHistory::Author::problem,
                                "There is no playlist to send yet: tell me a mood first.");
    if (request.playlist != nullptr && request.playlist != playlist)
        return chat.addMessage (ChatHistory::Author::problem,
                                "That is not the playlist shown any more, so nothing was sent. "
                                "Ask again, or press \"Send to Spotify\".");
    if (spotifyPush.isBusy() || overlay != nullptr || spotifyOverlay != nullptr)
        return chat.addMessage (ChatHistory::Author::problem,
                                "Finish what is open first (a save or a Spotify question), then "
                                "ask again.");
    const auto name = request.name.isNotEmpty() ? request.name : playlistName;
    if (startSpotifyPush (playlist, name, request.cover, false) && request.play)
        chat.addMessage (ChatHistory::Author::moodboard,
                         "The app does not start playback on Spotify: once the playlist is sent, "
                         "play it there.");
}

bool PluginEditor::startSpotifyPush (std::shared_ptr<const matching::Playlist> toSend,
                                     const juce::String& name, bool cover, bool sayRequest)
{
    using State = AccountService::State;

    const auto account = services.account.getStatus();
    if (account.state == State::notConfigured || account.state == State::signedOut
        || account.state == State::signingIn)
    {
        logUi ("spotify push needs a sign-in");
        chat.addMessage (ChatHistory::Author::problem,
                         account.state == State::notConfigured
                             ? juce::String ("Sign-in is not set up yet, so nothing can be sent to "
                                             "Spotify: the README's \"Signing in\" says which "
                                             "settings to give.")
                             : juce::String ("Sign in first: use the account button at the top "
                                             "right, then ")
                                   + (sayRequest ? "press \"Send to Spotify\" again."
                                                 : "ask again."));
        return false;
    }

    spotifyPlaylist = toSend;
    if (sayRequest)
        chat.addMessage (ChatHistory::Author::user, "Send \"" + name + "\" to Spotify");
    playlistView.setSendingToSpotify (true);
    logUi ("spotify push requested: " + juce::String ((int) toSend->entries.size()) + " tracks");
    if (spotifyPush.start (toSend, name, cover))
        return true;
    spotifyFinished();
    return false;
}

void PluginEditor::showSpotifyPlan (const spotify::PushPlan& plan)
{
    // The question is about the playlist that was sent; a newer one must not be confirmed by it.
    if (isBuilding || playlist != spotifyPlaylist)
    {
        spotifyPush.answer (false);
        chat.addMessage (ChatHistory::Author::problem,
                         "The playlist changed while its tracks were looked up on Spotify, so "
                         "nothing was written. Press \"Send to Spotify\" again to send this one.");
        logUi ("spotify overlay not shown: the playlist changed");
        return;
    }

    if (overlay != nullptr)
    {
        waitingSpotifyPlan = plan;
        return;
    }

    spotifyOverlay = std::make_unique<SpotifyPushOverlay> (plan);
    spotifyOverlay->onSend = [this] { answerSpotify (true); };
    spotifyOverlay->onCancel = [this] { answerSpotify (false); };

    addAndMakeVisible (*spotifyOverlay);
    spotifyOverlay->setBounds (getLocalBounds());
    spotifyOverlay->enterModalState (true);
    spotifyOverlay->focusDefaultButton();
    logUi ("spotify overlay opened: " + juce::String ((int) plan.uris.size()) + " tracks, "
           + juce::String ((int) plan.unresolved.size()) + " left out, cover "
           + (plan.coverJpegBase64.empty() ? "no" : "yes"));
}

void PluginEditor::answerSpotify (bool send)
{
    if (spotifyOverlay == nullptr)
        return;

    spotifyOverlay->exitModalState (0);
    removeChildComponent (spotifyOverlay.get());

    // This runs inside one of the overlay's own callbacks, so it is deleted once they return.
    std::shared_ptr<SpotifyPushOverlay> closing (spotifyOverlay.release());
    juce::MessageManager::callAsync ([closing] {});
    chat.getInput().grabKeyboardFocus();

    logUi (send ? "spotify push confirmed" : "spotify overlay cancelled");
    spotifyPush.answer (send);
}

void PluginEditor::spotifyFinished()
{
    spotifyPlaylist.reset();
    playlistView.setSendingToSpotify (false);
    logUi ("spotify push ended");
}

} // namespace moodboard::plugin
