#include "SpotifyPushService.h"

#include "TextFormat.h"

#include "Auth/AuthSettings.h"
#include "Auth/SecretStore.h"
#include "Core/Log.h"
#include "Spotify/PlanBuilder.h"
#include "Spotify/PlaylistWriter.h"
#include "Spotify/SpotifyAccount.h"
#include "Spotify/TrackResolver.h"

namespace moodboard::plugin
{
namespace
{
constexpr std::size_t unresolvedShownWhenNothingFound = 5;

juce::String fromUtf8 (const std::string& text) { return juce::String::fromUTF8 (text.c_str()); }

juce::String quoted (const std::string& name) { return "\"" + fromUtf8 (name) + "\""; }

// A run ends on every path with the same two steps, whichever return it takes.
struct RunEnd final
{
    std::function<void()> action;
    ~RunEnd() { action(); }
};
} // namespace

struct SpotifyPushService::Callbacks
{
    SpotifyPushService& owner;
};

// The overlay's side of the confirmation: the worker thread asks, the message thread answers.
class SpotifyPushService::Prompt final : public spotify::ConfirmationPrompt
{
public:
    explicit Prompt (SpotifyPushService& s) : service (s) {}

protected:
    bool ask (const spotify::PushPlan& plan) override { return service.askOnMessageThread (plan); }

private:
    SpotifyPushService& service;
};

SpotifyPushService::SpotifyPushService()
    : callbacks (std::make_shared<Callbacks> (Callbacks { *this }))
{
}

SpotifyPushService::~SpotifyPushService()
{
    stop();
    callbacks.reset();
}

bool SpotifyPushService::start (std::shared_ptr<const matching::Playlist> playlist,
                                const juce::String& name, bool cover)
{
    JUCE_ASSERT_MESSAGE_THREAD
    if (busy.load() || playlist == nullptr || playlist->entries.empty())
        return false;

    // The last run has posted its end; its thread is about to return.
    if (worker.joinable())
        worker.join();

    {
        std::lock_guard lock (answerLock);
        stopping = false;
        pendingAnswer.reset();
    }
    cancel = false;
    busy = true;
    worker = std::thread ([this, playlist = std::move (playlist), name = name.toStdString(), cover]
                          { run (playlist, name, cover); });
    return true;
}

void SpotifyPushService::answer (bool send)
{
    std::lock_guard lock (answerLock);
    if (pendingAnswer)
    {
        pendingAnswer->set_value (send);
        pendingAnswer.reset();
    }
}

void SpotifyPushService::stop()
{
    JUCE_ASSERT_MESSAGE_THREAD
    {
        std::lock_guard lock (answerLock);
        stopping = true;
        if (pendingAnswer)
        {
            pendingAnswer->set_value (false);
            pendingAnswer.reset();
        }
    }
    cancel = true;
    if (worker.joinable())
        worker.join();
}

bool SpotifyPushService::askOnMessageThread (const spotify::PushPlan& plan)
{
    std::future<bool> answered;
    {
        // Checked under the lock that stop() takes, so a stop can never miss this question.
        std::lock_guard lock (answerLock);
        if (stopping)
            return false;
        pendingAnswer.emplace();
        answered = pendingAnswer->get_future();
    }

    post ([plan] (Callbacks& c)
    {
        if (c.owner.onConfirmationNeeded != nullptr)
            c.owner.onConfirmationNeeded (plan);
        else
            c.owner.answer (false);
    });
    return answered.get();
}

void SpotifyPushService::post (std::function<void (Callbacks&)> call)
{
    juce::MessageManager::callAsync ([weak = std::weak_ptr<Callbacks> (callbacks),
                                      call = std::move (call)]
    {
        if (auto alive = weak.lock())
            call (*alive);
    });
}

void SpotifyPushService::say (const juce::String& text, Tone tone)
{
    post ([text, tone] (Callbacks& c)
    {
        if (c.owner.onMessage != nullptr)
            c.owner.onMessage (text, tone);
    });
}

void SpotifyPushService::run (std::shared_ptr<const matching::Playlist> playlist, std::string name,
                              bool cover)
{
    RunEnd end { [this]
    {
        busy = false;
        post ([] (Callbacks& c)
        {
            if (c.owner.onFinished != nullptr)
                c.owner.onFinished();
        });
    } };

    auto settings = auth::loadAuthSettings();
    if (! settings)
        return say ("Spotify cannot be reached: " + fromUtf8 (settings.error().message),
                    Tone::problem);

    auto store = auth::makeSecretStore();
    auto account = spotify::SpotifyAccount::open (*settings, *store);
    if (! account)
    {
        log::info ("spotify", "push from the app stopped: no Spotify sign-in");
        return say (account.error().kind == Error::Kind::invalidInput
                        ? juce::String ("You are not signed in to Spotify. Sign in with the "
                                        "account button at the top right, then press "
                                        "\"Send to Spotify\" again.")
                        : "Your sign-in could not be read: " + fromUtf8 (account.error().message),
                    Tone::problem);
    }

    std::vector<library::Track> tracks;
    for (const auto& entry : playlist->entries)
        tracks.push_back (entry.track);

    say ("Looking for " + format::trackCount ((int) tracks.size()) + " on Spotify...");
    spotify::ApiOptions options;
    options.baseUrl = (*account)->getApiUrl();
    spotify::TrackResolver resolver ((*account)->getTokens(), options);
    const auto resolutions = resolver.resolveAll (tracks, {}, &cancel);
    if (cancel.load())
        return say ("Stopped; nothing was written to Spotify.");

    auto built = spotify::buildPushPlan (*playlist, resolutions, name, (*account)->describe(),
                                         cover, spotify::Playback::none);
    if (! built.coverProblem.empty())
        say ("No cover will be uploaded: " + fromUtf8 (built.coverProblem));

    const auto& plan = built.plan;
    if (plan.uris.empty())
    {
        juce::String text;
        if ((*account)->needsConnecting())
            text << "Spotify is not connected to your sign-in yet: run `moodboard login --connect` "
                    "once, then press \"Send to Spotify\" again.";
        else
            text << "None of the " << format::trackCount ((int) tracks.size())
                 << " was found on Spotify, so nothing was written.";
        const auto shown = std::min (plan.unresolved.size(), unresolvedShownWhenNothingFound);
        for (std::size_t i = 0; i < shown; ++i)
            text << "\n" << fromUtf8 (plan.unresolved[i]);
        return say (text, Tone::problem);
    }

    // A playlist of this name sent before is updated rather than sent twice; the overlay says
    // "Update playlist" so the user sees it before confirming. A new one needs another name.
    spotify::PushJournal journal ((*account)->getDataFolder() / "pushes");
    if (auto previous = journal.sentPlaylistId (plan.name); previous && *previous)
        built.plan.updatesPlaylistId = **previous;

    Prompt prompt (*this);
    auto confirmation = prompt.requestConfirmation (plan);
    if (! confirmation)
    {
        log::info ("spotify", "push from the app declined before anything was written");
        return say ("Nothing was written to Spotify.");
    }

    spotify::SpotifyApi api ((*account)->getTokens(), options);
    spotify::PlaylistWriter writer (api, journal);

    say ("Sending " + quoted (plan.name) + " to Spotify...");
    log::info ("spotify", "push from the app confirmed: " + std::to_string (plan.uris.size())
                              + " tracks");
    auto result = writer.push (plan, std::move (*confirmation), [this] (int added, int total)
    {
        say (juce::String (added) + " of " + juce::String (total) + " tracks added");
    }, &cancel);

    if (! result)
    {
        juce::String text = "The playlist was not finished on Spotify: "
                            + fromUtf8 (result.error().message);
        if (result.error().kind != Error::Kind::invalidInput)
            text << "\nRun push again to carry on: press \"Send to Spotify\" with the same "
                    "playlist and it goes on where it stopped, adding nothing twice.";
        return say (text, Tone::problem);
    }

    juce::String text;
    text << (result->resumed ? "Finished " : "Sent ") << quoted (plan.name) << " to Spotify: "
         << format::trackCount (result->added) << ". " << fromUtf8 (result->playlist.uri);
    for (const auto& note : result->notes)
        text << "\nNote: " << fromUtf8 (note);
    say (text);
}

} // namespace moodboard::plugin
