#pragma once

#include "Matching/Playlist.h"
#include "Spotify/PushPlan.h"

#include <juce_events/juce_events.h>

#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace moodboard::plugin
{

/** Sends a finished playlist to the signed-in user's Spotify account, on a thread of its own.

    Design: one push at a time runs on a worker thread: it opens the stored sign-in (the keyring
    may block), finds the playlist's tracks on Spotify, builds the PushPlan and asks the user.
    Asking posts the plan to the message thread (onConfirmationNeeded) and blocks the worker on
    a promise until answer() is called there; only a yes makes the PushConfirmation that
    PlaylistWriter needs, so nothing is written before the user confirms. Progress, the outcome
    and problems come back as chat lines (onMessage) and the end of the run as onFinished, all
    posted with MessageManager::callAsync and dropped once the service is gone.

    The owner (the editor) creates and destroys the service on the message thread. stop(),
    also run by the destructor, answers a pending question with no, cancels the network calls
    and joins the worker, so closing the editor never waits on a question nobody can answer.
    Tokens stay in the core: the service sees only the account's display name.
*/
class SpotifyPushService final
{
public:
    enum class Tone
    {
        info,
        problem
    };

    SpotifyPushService();
    ~SpotifyPushService();

    /** A line for the chat. Runs on the message thread. */
    std::function<void (const juce::String&, Tone)> onMessage;
    /** The plan waits for the user's answer(): show it. Runs on the message thread. */
    std::function<void (const spotify::PushPlan&)> onConfirmationNeeded;
    /** The run ended (sent, cancelled or failed). Runs on the message thread. */
    std::function<void()> onFinished;

    /** Starts sending `playlist` under `name`, with its mood map as the cover when `cover` is
        set. Returns false (and does nothing) while another push runs. Message thread. */
    bool start (std::shared_ptr<const matching::Playlist> playlist, const juce::String& name,
                bool cover);

    /** The user's answer to the plan shown; ignored when no question is pending. Any thread. */
    void answer (bool send);

    /** True from start() until onFinished is posted. Any thread. */
    [[nodiscard]] bool isBusy() const { return busy.load(); }

    /** Answers a pending question with no, cancels the run and waits for the worker. Message
        thread. */
    void stop();

private:
    class Prompt;
    struct Callbacks;

    void run (std::shared_ptr<const matching::Playlist> playlist, std::string name, bool cover);
    [[nodiscard]] bool askOnMessageThread (const spotify::PushPlan& plan);
    void post (std::function<void (Callbacks&)> call);
    void say (const juce::String& text, Tone tone = Tone::info);

    std::shared_ptr<Callbacks> callbacks;
    std::thread worker;
    std::atomic<bool> busy { false };
    std::atomic<bool> cancel { false };

    std::mutex answerLock;
    std::optional<std::promise<bool>> pendingAnswer;
    bool stopping = false;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (SpotifyPushService)
};

} // namespace moodboard::plugin
