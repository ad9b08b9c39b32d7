package io.jdbcactivity.spool;

/**
 * What {@link Spool#open} found in the directories of publishers that had gone (adopted ones, and
 * the spool's own if its owner id was used before).
 *
 * @param ownersAdopted directories of dead owners taken over
 * @param segments segment files found
 * @param frames unacknowledged frames found intact, to be read first
 * @param cuts places where a segment was cut: a torn or damaged tail, everything after it dropped
 * @param damagedFrames frames dropped: one at each cut, plus each damaged frame that was skipped
 *     because the frames after it were intact. Frames beyond a cut are not counted (where they
 *     begin is lost with the damage): {@code bytesCut} measures them.
 * @param bytesCut bytes dropped: the cut tails and the skipped frames
 */
public record RecoveryReport(int ownersAdopted, int segments, long frames, int cuts, long damagedFrames,
        long bytesCut) {
}
