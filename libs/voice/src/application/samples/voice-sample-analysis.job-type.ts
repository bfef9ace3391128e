/** The job type of a sample's analysis on the voice service's JobRunner; its input names the sample. */
export const VOICE_SAMPLE_ANALYSIS_JOB = 'voice_sample_analysis';

export interface VoiceSampleAnalysisInput {
  sample_id: string;
}
