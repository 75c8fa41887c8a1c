#include "PluginChecks.h"

#include "HarnessSupport.h"
#include "PluginProcessor.h"

#include <functional>

namespace moodboard::harness
{
namespace
{
juce::MemoryBlock stateOf (juce::AudioProcessor& processor)
{
    juce::MemoryBlock block;
    processor.getStateInformation (block);
    return block;
}

void setState (juce::AudioProcessor& processor, const juce::MemoryBlock& state)
{
    processor.setStateInformation (state.getData(), (int) state.getSize());
}

void prepare (juce::AudioProcessor& processor)
{
    processor.setPlayConfigDetails (2, 2, 48000.0, 8192);
    processor.prepareToPlay (48000.0, 8192);
}

// A state unlike a fresh instance's: a mood text with non-ASCII letters and every parameter
// moved away from its default, as a user's session would leave it.
juce::MemoryBlock makeUserState()
{
    auto source = makeProcessor();
    if (auto* moodboard = dynamic_cast<plugin::PluginProcessor*> (source.get()))
        moodboard->setLastMoodText (juce::CharPointer_UTF8 ("slow ambient rain, d\xc3\xa4mmerung"));

    for (auto* parameter : source->getParameters())
    {
        const auto target = parameter->getDefaultValue() < 0.5f ? 0.9f : 0.1f;
        parameter->setValueNotifyingHost (target);
    }
    return stateOf (*source);
}

// Strings that would mean a sign-in, an API key or a token had reached the host's project file.
bool looksLikeCredential (const juce::MemoryBlock& state, juce::String& found)
{
    const auto text = juce::String::createStringFromData (state.getData(), (int) state.getSize());
    const char* words[] = { "token", "secret", "password", "bearer", "verifier", "api_key",
                            "apikey", "authorization", "client_id", "refresh", "credential" };
    for (auto* word : words)
        if (text.containsIgnoreCase (word))
            found = word;

    // A JSON Web Token starts with the base64 of '{"'; an OpenAI-style key with "sk-".
    if (text.contains ("eyJ") || text.contains ("sk-"))
        found = "a token prefix";
    return found.isNotEmpty();
}

void expectSame (const juce::MemoryBlock& got, const juce::MemoryBlock& wanted,
                 const std::string& when)
{
    check (got == wanted, "state round-trips byte for byte " + when + " ("
                              + std::to_string (got.getSize()) + " of "
                              + std::to_string (wanted.getSize()) + " bytes)");
}
} // namespace

void checkStateRoundTrip()
{
    const auto fresh = stateOf (*makeProcessor());
    const auto user = makeUserState();

    check (user.getSize() > 0 && ! (user == fresh),
           "a user's state differs from a fresh instance's (" + std::to_string (user.getSize())
               + " and " + std::to_string (fresh.getSize()) + " bytes)");

    {
        auto processor = makeProcessor();
        setState (*processor, user);
        check (stateOf (*processor) == stateOf (*processor), "two reads give the same bytes");
        expectSame (stateOf (*processor), user, "when set before prepareToPlay");
        prepare (*processor);
        expectSame (stateOf (*processor), user, "after a prepareToPlay that followed it");
        processor->releaseResources();
    }
    {
        auto processor = makeProcessor();
        prepare (*processor);
        setState (*processor, user);
        expectSame (stateOf (*processor), user, "when set after prepareToPlay");
        processor->releaseResources();
    }
    {
        auto processor = makeProcessor();
        prepare (*processor);
        auto window = std::make_unique<EditorWindow> (*processor);
        window->waitForFirstPaint (5000);
        pumpMessages (50);
        setState (*processor, user);
        pumpMessages (50);
        expectSame (stateOf (*processor), user, "when set with the editor open");
        window.reset();
        pumpMessages (20);
        expectSame (stateOf (*processor), user, "after that editor closed");
        processor->releaseResources();
    }
    {
        auto processor = makeProcessor();
        auto window = std::make_unique<EditorWindow> (*processor);
        window->waitForFirstPaint (5000);
        setState (*processor, user);
        pumpMessages (50);
        prepare (*processor);
        expectSame (stateOf (*processor), user,
                    "when set with an editor open before prepareToPlay");
        window.reset();
        processor->releaseResources();
    }
    {
        // Hosts save and load while playing.
        auto processor = makeProcessor();
        prepare (*processor);
        AudioThread audio (*processor);
        pumpMessages (20);
        setState (*processor, user);
        const auto whilePlaying = stateOf (*processor);
        audio.stop();
        expectSame (whilePlaying, user, "when set and read while the audio thread processes");
        processor->releaseResources();
    }
    {
        auto first = makeProcessor();
        setState (*first, user);
        auto second = makeProcessor();
        setState (*second, stateOf (*first));
        expectSame (stateOf (*second), user, "through a second fresh instance");

        setState (*second, fresh);
        expectSame (stateOf (*second), fresh, "when a fresh instance's state replaces it");
    }

    juce::String found;
    const auto clean = ! looksLikeCredential (user, found) && ! looksLikeCredential (fresh, found);
    check (clean, "no credential-looking text in the state"
                      + (clean ? std::string() : " (found " + found.toStdString() + ")"));
}

} // namespace moodboard::harness
