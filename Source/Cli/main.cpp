#include "AudioIO/JuceAudioDecoder.h"
#include <iostream>
int main (int argc, char** argv)
{
    moodboard::audio::JuceAudioDecoder d;
    if (argc > 1) { auto s = d.open (argv[1]); std::cout << (s ? "ok" : s.error().message) << "\n"; }
}
