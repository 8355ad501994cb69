package dev.parley.profile;

/** A user changed what others see of them; features that know who should hear it (friends) tell them. */
public record ProfileUpdated(PublicProfile profile) {}
