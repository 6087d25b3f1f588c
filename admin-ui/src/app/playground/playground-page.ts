import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslatePipe } from '@ngx-translate/core';
import { debounceTime, map } from 'rxjs';
import * as z from 'zod/mini';
import { PROXY_BASE_URL } from '../core/api-base-url';
import { SESSION_STORAGE } from '../core/browser-storage';
import { ApiError } from '../core/http/api-error';
import { TranslatedMessage, describeApiError } from '../core/http/describe-api-error';
import { LocalNumberPipe } from '../core/i18n/local-number.pipe';
import { ProxyFormat } from '../shared/key-reveal/build-snippets';
import { ChatTurn, selectEndpoint } from './chat-request';
import { PlaygroundRun } from './playground-run';
import { readItems } from '../core/http/read-items';

const keyStorageKey = 'llmfb.playground.key';
const proxyModelListSchema = z.object({ data: z.array(z.object({ id: z.string() })) });

/** Try a model through the proxy with a pasted key: streaming or not, either format. */
@Component({
  selector: 'app-playground-page',
  imports: [
    LocalNumberPipe,
    MatAutocompleteModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatTooltipModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  providers: [PlaygroundRun],
  templateUrl: './playground-page.html',
  styleUrl: './playground-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class PlaygroundPage {
  private readonly storage = inject(SESSION_STORAGE);
  private readonly proxyBaseUrl = inject(PROXY_BASE_URL);
  private readonly formBuilder = inject(FormBuilder).nonNullable;
  protected readonly run = inject(PlaygroundRun);

  protected readonly form = this.formBuilder.group({
    key: [this.storage.getItem(keyStorageKey) ?? '', Validators.required],
    format: ['openai' as ProxyFormat],
    model: ['', Validators.required],
    system: [''],
    maxTokens: [512, [Validators.required, Validators.min(1)]],
    stream: [true],
    turns: this.formBuilder.array([this.createTurn('user', '')]),
  });
  protected readonly isKeyVisible = signal(false);
  /** Set when Send was pressed with no message text at all. */
  protected readonly isConversationEmpty = signal(false);

  private readonly key = toSignal(
    this.form.controls.key.valueChanges.pipe(
      debounceTime(400),
      map((key) => key.trim()),
    ),
    { initialValue: this.form.controls.key.value.trim() },
  );
  /** GET /v1/models with the pasted key: the models this key may call. */
  protected readonly models = httpResource(
    () =>
      this.key()
        ? { url: `${this.proxyBaseUrl}/models`, headers: { authorization: `Bearer ${this.key()}` } }
        : undefined,
    {
      parse: (body) => proxyModelListSchema.parse(body).data.map((model) => model.id),
      defaultValue: [],
    },
  );
  protected readonly modelIds = computed(() => readItems(this.models));
  protected readonly modelsError = computed((): TranslatedMessage | null => {
    const error = this.models.error();
    if (!error) return null;
    // A 401 here is the proxy refusing the pasted key, not the console session.
    return error instanceof ApiError && error.status === 401
      ? { key: 'playground.unauthorized', params: { status: 401, detail: error.message } }
      : describeApiError(error);
  });
  private readonly format = toSignal(this.form.controls.format.valueChanges, {
    initialValue: this.form.controls.format.value,
  });
  /** The proxy path the request will go to. */
  protected readonly endpoint = computed(
    () => `${this.proxyBaseUrl}${selectEndpoint(this.format())}`,
  );
  protected readonly state = this.run.state;
  protected readonly isRunning = computed(() => this.state().status === 'running');

  constructor() {
    this.form.controls.key.valueChanges.pipe(takeUntilDestroyed()).subscribe((key) => {
      if (key.trim()) this.storage.setItem(keyStorageKey, key.trim());
      else this.storage.removeItem(keyStorageKey);
    });
    effect(() => {
      const first = this.modelIds()[0];
      const model = this.form.controls.model;
      if (first && !this.modelIds().includes(model.value)) model.setValue(first);
    });
  }

  protected get turns() {
    return this.form.controls.turns;
  }

  protected addTurn(): void {
    const last = this.turns.at(this.turns.length - 1)?.controls.role.value;
    this.turns.push(this.createTurn(last === 'user' ? 'assistant' : 'user', ''));
  }

  protected removeTurn(index: number): void {
    if (this.turns.length > 1) this.turns.removeAt(index);
  }

  /** Continue the conversation: the answer becomes an assistant turn, then an empty user turn. */
  protected keepAnswer(): void {
    const answer = this.state().answer.text;
    if (!answer) return;
    this.turns.push(this.createTurn('assistant', answer));
    this.turns.push(this.createTurn('user', ''));
  }

  protected clearConversation(): void {
    this.turns.clear();
    this.turns.push(this.createTurn('user', ''));
  }

  protected send(): void {
    if (this.form.invalid || this.isRunning()) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    this.isConversationEmpty.set(value.turns.every((turn) => turn.content.trim() === ''));
    if (this.isConversationEmpty()) return;
    const turns: ChatTurn[] = value.turns.map((turn) => ({
      role: turn.role === 'assistant' ? 'assistant' : 'user',
      content: turn.content,
    }));
    void this.run.start(value.key.trim(), {
      format: value.format,
      model: value.model.trim(),
      system: value.system,
      turns,
      maxTokens: value.maxTokens,
      stream: value.stream,
    });
  }

  protected stop(): void {
    this.run.stop();
  }

  private createTurn(role: ChatTurn['role'], content: string) {
    return this.formBuilder.group({ role: [role as string], content: [content] });
  }
}
