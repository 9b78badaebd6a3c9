// The segmentation settings of the calibrate and follow-rollouts requests, checked and defaulted in
// one place (server/src/lsp/segmentParams.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentOptionsOfParams, segmentParamProblems, type SegmentParams } from '../../server/src/lsp/segmentParams.js';
import { defaultSegmentOptions } from '../../server/src/trace/options.js';

test('request segmentation settings: bad markers, patterns or reader are named; absent ones take the engine defaults', () => {
  assert.deepEqual(segmentParamProblems({}), []);
  assert.deepEqual(segmentParamProblems(undefined), []);
  assert.deepEqual(segmentParamProblems({ markers: ['Wait'], answerPatterns: [], reader: 'rules' }), []);
  assert.deepEqual(segmentParamProblems({ markers: 'Wait' } as unknown as SegmentParams), [
    'markers and answerPatterns must be arrays of strings',
  ]);
  assert.deepEqual(segmentParamProblems({ reader: 'neural' } as unknown as SegmentParams), ['reader must be "rules" or "learned"']);
  assert.deepEqual(segmentOptionsOfParams({}), {
    markers: defaultSegmentOptions.markers,
    answerPatterns: defaultSegmentOptions.answerPatterns,
  });
  assert.deepEqual(segmentOptionsOfParams({ markers: ['Hmm'], reader: 'rules' }), {
    markers: ['Hmm'],
    answerPatterns: [],
    reader: 'rules',
  });
});
