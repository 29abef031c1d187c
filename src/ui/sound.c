/* mid-kiosk — SDL UI sound (sound.h): the pass and fail tones, made once
 * and queued with SDL_QueueAudio; silently nothing without an audio
 * device. */
#include <math.h>
#include <stdlib.h>

#include "ui/sound.h"

#define UI_AUDIO_RATE 48000

/* Appends a tone with 6 ms fades (no clicks); harm adds a third harmonic
 * so a low tone carries on small speakers. */
static size_t tone_add(int16_t *buf, size_t at, int rate, float hz, int ms,
                       float harm)
{
    size_t n = (size_t)rate * (size_t)ms / 1000u;
    size_t fade = (size_t)rate * 6u / 1000u;
    for (size_t i = 0; i < n; i++) {
        float t = (float)i / (float)rate;
        float env = 1.0f;
        float s;
        if (i < fade)
            env = (float)i / (float)fade;
        else if (n - i < fade)
            env = (float)(n - i) / (float)fade;
        s = sinf(2.0f * (float)M_PI * hz * t) +
            harm * sinf(6.0f * (float)M_PI * hz * t);
        buf[at + i] = (int16_t)(s * env * 9000.0f);
    }
    return at + n;
}

void ui_sound_open(ui_sound *u)
{
    SDL_AudioSpec want, have;
    size_t n;
    int rate;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
        return;
    u->audio_init = 1;
    SDL_zero(want);
    want.freq = UI_AUDIO_RATE;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    u->audio = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (!u->audio)
        return;
    rate = have.freq;
    /* pass: two rising tones; fail: one low long tone */
    n = (size_t)rate * 330u / 1000u;
    u->tone[1] = calloc(n + 16u, sizeof(int16_t));
    n = (size_t)rate * 700u / 1000u;
    u->tone[0] = calloc(n + 16u, sizeof(int16_t));
    if (!u->tone[0] || !u->tone[1]) {
        SDL_CloseAudioDevice(u->audio);
        u->audio = 0;
        return;
    }
    n = tone_add(u->tone[1], 0, rate, 880.0f, 120, 0.0f);
    n += (size_t)rate * 40u / 1000u; /* silence (calloc) */
    n = tone_add(u->tone[1], n, rate, 1320.0f, 160, 0.0f);
    u->tone_bytes[1] = (Uint32)(n * sizeof(int16_t));
    n = tone_add(u->tone[0], 0, rate, 220.0f, 700, 0.35f);
    u->tone_bytes[0] = (Uint32)(n * sizeof(int16_t));
    SDL_PauseAudioDevice(u->audio, 0);
}

void ui_sound_beep(ui_sound *u, int pass)
{
    int i = pass ? 1 : 0;
    if (!u->audio || !u->tone[i])
        return;
    SDL_ClearQueuedAudio(u->audio);
    (void)SDL_QueueAudio(u->audio, u->tone[i], u->tone_bytes[i]);
}

void ui_sound_close(ui_sound *u)
{
    if (u->audio)
        SDL_CloseAudioDevice(u->audio);
    u->audio = 0;
    for (int i = 0; i < 2; i++) {
        free(u->tone[i]);
        u->tone[i] = NULL;
    }
    if (u->audio_init)
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    u->audio_init = 0;
}
