import {
  FASI_PROCEDIMENTO,
  type Fase,
  getPercorsoRichText,
  getRequisitoRichText,
  MANDATE_OUTPUTS,
  type MandateOutput,
  mandateTemplate,
  oggetti,
  REQUISITI_MINIMI,
  RIFERIMENTO_TIPI,
  type RiferimentoTipo,
  riferimenti,
  ruoli,
  SNODO_TIPI,
  type SnodoTipo,
  setPercorsoInfo,
  snodi,
  TAPPA_TIPI,
  type TappaTipo,
  tappe,
} from '@trama/shared';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { RecordText, RichField } from './fields';
import type { PercorsoSnapshot } from './percorsoStore';
import { pickText, StepSection } from './StepSection';

interface StepProps {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly board: PercorsoSnapshot;
  readonly canEdit: boolean;
}

/** A record of a list, with its remove button for those who may edit. */
function RecordItem({
  children,
  canEdit,
  onRemove,
  name,
  testId,
}: {
  children: ReactNode;
  canEdit: boolean;
  onRemove: () => void;
  name: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <li className="record" data-testid={testId}>
      <div className="record__fields">{children}</div>
      {canEdit ? (
        <button type="button" className="btn btn-link btn-xs" onClick={onRemove}>
          {t('percorso.remove')}
          <span className="visually-hidden">: {name}</span>
        </button>
      ) : null}
    </li>
  );
}

/** "Add" form with one required title; the rest is edited in place once added. */
function AddForm({
  label,
  submit,
  onAdd,
  testId,
  children,
}: {
  label: string;
  submit: string;
  onAdd: (title: string) => void;
  testId: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = useId();
  const [title, setTitle] = useState('');
  const [invalid, setInvalid] = useState(false);
  function add(event: FormEvent) {
    event.preventDefault();
    if (title.trim() === '') {
      setInvalid(true);
      return;
    }
    onAdd(title.trim());
    setTitle('');
    setInvalid(false);
  }
  return (
    <form className="add-form" onSubmit={add} noValidate data-testid={testId}>
      <div className="field">
        <label htmlFor={id} className="field__label">
          {label}
        </label>
        <input
          id={id}
          className="form-control"
          type="text"
          value={title}
          maxLength={300}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? errorId : undefined}
          onChange={(event) => {
            setTitle(event.target.value);
            setInvalid(false);
          }}
        />
        {invalid ? (
          <p id={errorId} className="field__error" role="alert">
            {t('percorso.titleRequired')}
          </p>
        ) : null}
      </div>
      {children}
      <button type="submit" className="btn btn-outline-primary">
        {submit}
      </button>
    </form>
  );
}

function SelectField<T extends string>({
  label,
  value,
  options,
  optionLabel,
  onChange,
  disabled,
  lang,
}: {
  label: string;
  value: T;
  options: readonly T[];
  optionLabel: (option: T) => string;
  onChange: (value: T) => void;
  disabled: boolean;
  lang?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <select
        id={id}
        className="form-select"
        value={value}
        disabled={disabled}
        lang={lang}
        onChange={(event) => onChange(event.target.value as T)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The procedure: ente, ambito, fase, and the avviso's requisiti minimi a)–e). */
export function AvvisoSection({ doc, awareness, board, canEdit }: StepProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  return (
    <section className="step panel" aria-labelledby={headingId} data-testid="avviso">
      <h3 id={headingId}>{t('percorso.avviso.heading')}</h3>
      <p className="field__hint">{t('percorso.avviso.intro')}</p>
      <div className="record__fields">
        <RecordText
          label={t('percorso.avviso.ente')}
          value={board.info.ente}
          onCommit={(value) => setPercorsoInfo(doc, { ente: value })}
          readOnly={!canEdit}
          maxLength={300}
        />
        <RecordText
          label={t('percorso.avviso.ambito')}
          value={board.info.ambito}
          onCommit={(value) => setPercorsoInfo(doc, { ambito: value })}
          readOnly={!canEdit}
          maxLength={300}
        />
        <SelectField<Fase>
          label={t('percorso.avviso.fase')}
          value={board.info.fase}
          options={FASI_PROCEDIMENTO.map((fase) => fase.id)}
          optionLabel={(fase) => {
            const data = FASI_PROCEDIMENTO.find((item) => item.id === fase);
            return data === undefined
              ? fase
              : `${data.number}. ${pickText(data.title, i18n.language).text}`;
          }}
          onChange={(fase) => setPercorsoInfo(doc, { fase })}
          disabled={!canEdit}
        />
      </div>
      <h4>{t('percorso.avviso.requisiti')}</h4>
      {REQUISITI_MINIMI.map((requisito) => (
        <RichField
          key={requisito.id}
          field={`avviso-${requisito.id}`}
          label={`${requisito.letter}) ${pickText(requisito.title, i18n.language).text}`}
          fragment={getRequisitoRichText(doc, requisito.id)}
          awareness={awareness}
          editable={canEdit}
        />
      ))}
    </section>
  );
}

export function RiferimentiStep({ doc, awareness, board, canEdit }: StepProps) {
  const { t } = useTranslation();
  return (
    <StepSection step="riferimenti">
      <RichField
        field="visione"
        label={t('percorso.fields.visione')}
        fragment={getPercorsoRichText(doc, 'visione')}
        awareness={awareness}
        editable={canEdit}
      />
      <h4>{t('percorso.riferimenti.heading')}</h4>
      {board.riferimenti.length === 0 ? (
        <p className="field__hint">{t('percorso.riferimenti.none')}</p>
      ) : (
        <ul className="records">
          {board.riferimenti.map((item) => (
            <RecordItem
              key={item.id}
              canEdit={canEdit}
              name={item.titolo}
              onRemove={() => riferimenti.remove(doc, item.id)}
              testId="riferimento"
            >
              <RecordText
                label={t('percorso.riferimenti.titolo')}
                value={item.titolo}
                onCommit={(titolo) => riferimenti.update(doc, item.id, { titolo })}
                readOnly={!canEdit}
                maxLength={300}
                required
                requiredMessage={t('percorso.titleRequired')}
              />
              <SelectField<RiferimentoTipo>
                label={t('percorso.riferimenti.tipo')}
                value={item.tipo}
                options={RIFERIMENTO_TIPI}
                optionLabel={(tipo) => t(`percorso.riferimenti.tipi.${tipo}`)}
                onChange={(tipo) => riferimenti.update(doc, item.id, { tipo })}
                disabled={!canEdit}
              />
              <RecordText
                label={t('percorso.riferimenti.link')}
                value={item.link ?? ''}
                onCommit={(link) =>
                  riferimenti.update(doc, item.id, { link: link.trim() === '' ? undefined : link })
                }
                readOnly={!canEdit}
                maxLength={2000}
                requiredMessage={t('percorso.riferimenti.linkInvalid')}
              />
            </RecordItem>
          ))}
        </ul>
      )}
      {canEdit ? (
        <AddForm
          label={t('percorso.riferimenti.new')}
          submit={t('percorso.riferimenti.add')}
          testId="add-riferimento"
          onAdd={(titolo) => riferimenti.add(doc, { titolo, tipo: 'normativo' })}
        />
      ) : null}
    </StepSection>
  );
}

export function ObiettivoGeneraleStep({ doc, awareness, canEdit }: StepProps) {
  const { t } = useTranslation();
  return (
    <StepSection step="obiettivoGenerale">
      <RichField
        field="obiettivoGenerale"
        label={t('percorso.fields.obiettivoGenerale')}
        fragment={getPercorsoRichText(doc, 'obiettivoGenerale')}
        awareness={awareness}
        editable={canEdit}
      />
    </StepSection>
  );
}

export function RuoliStep({ doc, awareness, board, canEdit }: StepProps) {
  const { t } = useTranslation();
  return (
    <StepSection step="ruoli">
      <RichField
        field="requisitiRuolo"
        label={t('percorso.fields.requisitiRuolo')}
        fragment={getPercorsoRichText(doc, 'requisitiRuolo')}
        awareness={awareness}
        editable={canEdit}
      />
      <RichField
        field="assetto"
        label={t('percorso.fields.assetto')}
        fragment={getPercorsoRichText(doc, 'assetto')}
        awareness={awareness}
        editable={canEdit}
      />
      <h4>{t('percorso.ruoli.heading')}</h4>
      {board.ruoli.length === 0 ? (
        <p className="field__hint">{t('percorso.ruoli.none')}</p>
      ) : (
        <ul className="records">
          {board.ruoli.map((item) => (
            <RecordItem
              key={item.id}
              canEdit={canEdit}
              name={item.ente}
              onRemove={() => ruoli.remove(doc, item.id)}
              testId="ruolo"
            >
              <RecordText
                label={t('percorso.ruoli.ente')}
                value={item.ente}
                onCommit={(ente) => ruoli.update(doc, item.id, { ente })}
                readOnly={!canEdit}
                maxLength={200}
                required
                requiredMessage={t('percorso.titleRequired')}
              />
              <RecordText
                label={t('percorso.ruoli.ruolo')}
                value={item.ruolo}
                onCommit={(ruolo) => ruoli.update(doc, item.id, { ruolo })}
                readOnly={!canEdit}
                maxLength={300}
              />
              <RecordText
                label={t('percorso.ruoli.contributo')}
                value={item.contributo}
                onCommit={(contributo) => ruoli.update(doc, item.id, { contributo })}
                readOnly={!canEdit}
                maxLength={2000}
                multiline
              />
            </RecordItem>
          ))}
        </ul>
      )}
      {canEdit ? (
        <AddForm
          label={t('percorso.ruoli.new')}
          submit={t('percorso.ruoli.add')}
          testId="add-ruolo"
          onAdd={(ente) => ruoli.add(doc, { ente, ruolo: '', contributo: '' })}
        />
      ) : null}
    </StepSection>
  );
}

export function OggettiStep({ doc, board, canEdit }: StepProps) {
  const { t } = useTranslation();
  return (
    <StepSection step="oggetti">
      {board.oggetti.length === 0 ? (
        <p className="field__hint">{t('percorso.oggetti.none')}</p>
      ) : (
        <ul className="records">
          {board.oggetti.map((item) => (
            <RecordItem
              key={item.id}
              canEdit={canEdit}
              name={item.titolo}
              onRemove={() => oggetti.remove(doc, item.id)}
              testId="oggetto"
            >
              <RecordText
                label={t('percorso.oggetti.titolo')}
                value={item.titolo}
                onCommit={(titolo) => oggetti.update(doc, item.id, { titolo })}
                readOnly={!canEdit}
                maxLength={300}
                required
                requiredMessage={t('percorso.titleRequired')}
              />
              <RecordText
                label={t('percorso.oggetti.criterio')}
                value={item.criterio}
                onCommit={(criterio) => oggetti.update(doc, item.id, { criterio })}
                readOnly={!canEdit}
                maxLength={2000}
                multiline
              />
              <RecordText
                label={t('percorso.oggetti.descrizione')}
                value={item.descrizione}
                onCommit={(descrizione) => oggetti.update(doc, item.id, { descrizione })}
                readOnly={!canEdit}
                maxLength={4000}
                multiline
              />
            </RecordItem>
          ))}
        </ul>
      )}
      {canEdit ? (
        <AddForm
          label={t('percorso.oggetti.new')}
          submit={t('percorso.oggetti.add')}
          testId="add-oggetto"
          onAdd={(titolo) => oggetti.add(doc, { titolo, criterio: '', descrizione: '' })}
        />
      ) : null}
    </StepSection>
  );
}

export function MandatoStep({
  doc,
  board,
  canEdit,
  canCreateSnodi,
  onCreateSnodo,
}: StepProps & {
  canCreateSnodi: boolean;
  onCreateSnodo: (tipo: SnodoTipo, titolo: string, oggettoId: string | undefined) => Promise<void>;
}) {
  const { t } = useTranslation();
  const tipoId = useId();
  const oggettoId = useId();
  const [tipo, setTipo] = useState<SnodoTipo>('tavolo');
  const [oggetto, setOggetto] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <StepSection step="mandato">
      <h4>{t('percorso.mandato.heading')}</h4>
      <p className="field__hint">{t('percorso.mandato.intro')}</p>
      <ul className="records">
        {board.mandate.map((item) => (
          <RecordItem
            key={item.id}
            canEdit={canEdit}
            name={t(`percorso.mandato.outputs.${item.output}`)}
            onRemove={() => mandateTemplate.remove(doc, item.id)}
            testId="mandate-requirement"
          >
            <SelectField<MandateOutput>
              label={t('percorso.mandato.output')}
              value={item.output}
              options={MANDATE_OUTPUTS}
              optionLabel={(output) => t(`percorso.mandato.outputs.${output}`)}
              onChange={(output) => mandateTemplate.update(doc, item.id, { output })}
              disabled={!canEdit}
            />
            <MinField
              value={item.min}
              readOnly={!canEdit}
              onCommit={(min) => mandateTemplate.update(doc, item.id, { min })}
            />
            <RecordText
              label={t('percorso.mandato.note')}
              value={item.note}
              onCommit={(note) => mandateTemplate.update(doc, item.id, { note })}
              readOnly={!canEdit}
              maxLength={1000}
              multiline
            />
          </RecordItem>
        ))}
      </ul>
      {canEdit ? (
        <button
          type="button"
          className="btn btn-outline-primary"
          onClick={() => mandateTemplate.add(doc, { output: 'esigenze', min: 1, note: '' })}
        >
          {t('percorso.mandato.add')}
        </button>
      ) : null}
      <h4>{t('percorso.snodi.heading')}</h4>
      {board.snodi.length === 0 ? (
        <p className="field__hint">{t('percorso.snodi.none')}</p>
      ) : (
        <ul className="records">
          {board.snodi.map((item) => (
            <li key={item.id} className="record" data-testid="snodo-record">
              <div className="record__fields">
                <RecordText
                  label={t('percorso.snodi.titolo')}
                  value={item.titolo}
                  onCommit={(titolo) => snodi.update(doc, item.id, { titolo })}
                  readOnly={!canEdit}
                  maxLength={200}
                  required
                  requiredMessage={t('percorso.titleRequired')}
                />
                <SelectField<string>
                  label={t('percorso.snodi.oggetto')}
                  value={item.oggettoId ?? ''}
                  options={['', ...board.oggetti.map((o) => o.id)]}
                  optionLabel={(id) =>
                    id === ''
                      ? t('percorso.snodi.noOggetto')
                      : (board.oggetti.find((o) => o.id === id)?.titolo ?? id)
                  }
                  onChange={(id) =>
                    snodi.update(doc, item.id, { oggettoId: id === '' ? undefined : id })
                  }
                  disabled={!canEdit}
                />
                <p className="record__meta" lang="it">
                  {t(`percorso.snodi.tipi.${item.tipo}`)}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {canCreateSnodi ? (
        <AddForm
          label={t('percorso.snodi.new')}
          submit={t('percorso.snodi.add')}
          testId="add-snodo"
          onAdd={(titolo) => {
            setFailure(null);
            onCreateSnodo(tipo, titolo, oggetto === '' ? undefined : oggetto).catch(() =>
              setFailure(t('percorso.snodi.failed')),
            );
          }}
        >
          <div className="field">
            <label htmlFor={tipoId} className="field__label">
              {t('percorso.snodi.tipo')}
            </label>
            <select
              id={tipoId}
              className="form-select"
              value={tipo}
              lang="it"
              onChange={(event) => setTipo(event.target.value as SnodoTipo)}
              data-testid="snodo-tipo"
            >
              {SNODO_TIPI.map((item) => (
                <option key={item} value={item}>
                  {t(`percorso.snodi.tipi.${item}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={oggettoId} className="field__label">
              {t('percorso.snodi.oggetto')}
            </label>
            <select
              id={oggettoId}
              className="form-select"
              value={oggetto}
              onChange={(event) => setOggetto(event.target.value)}
            >
              <option value="">{t('percorso.snodi.noOggetto')}</option>
              {board.oggetti.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.titolo}
                </option>
              ))}
            </select>
          </div>
          {failure !== null ? (
            <p className="field__error" role="alert">
              {failure}
            </p>
          ) : null}
        </AddForm>
      ) : null}
    </StepSection>
  );
}

function MinField({
  value,
  readOnly,
  onCommit,
}: {
  value: number;
  readOnly: boolean;
  onCommit: (min: number) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field field--narrow">
      <label htmlFor={id} className="field__label">
        {t('percorso.mandato.min')}
      </label>
      <input
        id={id}
        className="form-control"
        type="number"
        min={1}
        max={100}
        value={value}
        readOnly={readOnly}
        onChange={(event) => {
          const min = Number(event.target.value);
          if (Number.isInteger(min) && min >= 1 && min <= 100) onCommit(min);
        }}
      />
    </div>
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function ModalitaStep({ doc, awareness, board, canEdit }: StepProps) {
  const { t } = useTranslation();
  const dateId = useId();
  const tipoId = useId();
  const [data, setData] = useState('');
  const [tipo, setTipo] = useState<TappaTipo>('sessione');
  const [failure, setFailure] = useState(false);
  return (
    <StepSection step="modalita">
      <RichField
        field="governance"
        label={t('percorso.fields.governance')}
        fragment={getPercorsoRichText(doc, 'governance')}
        awareness={awareness}
        editable={canEdit}
      />
      <RichField
        field="strumenti"
        label={t('percorso.fields.strumenti')}
        fragment={getPercorsoRichText(doc, 'strumenti')}
        awareness={awareness}
        editable={canEdit}
      />
      <h4>{t('percorso.tappe.heading')}</h4>
      {board.tappe.length === 0 ? (
        <p className="field__hint">{t('percorso.tappe.none')}</p>
      ) : (
        <ul className="records">
          {board.tappe.map((item) => (
            <RecordItem
              key={item.id}
              canEdit={canEdit}
              name={item.titolo}
              onRemove={() => tappe.remove(doc, item.id)}
              testId="tappa"
            >
              <RecordText
                label={t('percorso.tappe.titolo')}
                value={item.titolo}
                onCommit={(titolo) => tappe.update(doc, item.id, { titolo })}
                readOnly={!canEdit}
                maxLength={300}
                required
                requiredMessage={t('percorso.titleRequired')}
              />
              <DateField
                value={item.data}
                readOnly={!canEdit}
                onCommit={(value) => tappe.update(doc, item.id, { data: value })}
              />
              <SelectField<TappaTipo>
                label={t('percorso.tappe.tipo')}
                value={item.tipo}
                options={TAPPA_TIPI}
                optionLabel={(value) => t(`percorso.tappe.tipi.${value}`)}
                onChange={(value) => tappe.update(doc, item.id, { tipo: value })}
                disabled={!canEdit}
              />
              <SelectField<string>
                label={t('percorso.tappe.snodo')}
                value={item.snodoId ?? ''}
                options={['', ...board.snodi.map((s) => s.id)]}
                optionLabel={(id) =>
                  id === ''
                    ? t('percorso.tappe.plenaria')
                    : (board.snodi.find((s) => s.id === id)?.titolo ?? id)
                }
                onChange={(id) =>
                  tappe.update(doc, item.id, { snodoId: id === '' ? undefined : id })
                }
                disabled={!canEdit}
              />
              <RecordText
                label={t('percorso.tappe.luogo')}
                value={item.luogo ?? ''}
                onCommit={(luogo) =>
                  tappe.update(doc, item.id, { luogo: luogo.trim() === '' ? undefined : luogo })
                }
                readOnly={!canEdit}
                maxLength={300}
              />
            </RecordItem>
          ))}
        </ul>
      )}
      {canEdit ? (
        <AddForm
          label={t('percorso.tappe.new')}
          submit={t('percorso.tappe.add')}
          testId="add-tappa"
          onAdd={(titolo) => {
            if (!ISO_DATE.test(data)) {
              setFailure(true);
              return;
            }
            setFailure(false);
            tappe.add(doc, { titolo, tipo, data });
          }}
        >
          <div className="field">
            <label htmlFor={dateId} className="field__label">
              {t('percorso.tappe.data')}
            </label>
            <input
              id={dateId}
              className="form-control"
              type="date"
              value={data}
              aria-invalid={failure || undefined}
              onChange={(event) => {
                setData(event.target.value);
                setFailure(false);
              }}
            />
            {failure ? (
              <p className="field__error" role="alert">
                {t('percorso.tappe.dateRequired')}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={tipoId} className="field__label">
              {t('percorso.tappe.tipo')}
            </label>
            <select
              id={tipoId}
              className="form-select"
              value={tipo}
              onChange={(event) => setTipo(event.target.value as TappaTipo)}
            >
              {TAPPA_TIPI.map((item) => (
                <option key={item} value={item}>
                  {t(`percorso.tappe.tipi.${item}`)}
                </option>
              ))}
            </select>
          </div>
        </AddForm>
      ) : null}
    </StepSection>
  );
}

function DateField({
  value,
  readOnly,
  onCommit,
}: {
  value: string;
  readOnly: boolean;
  onCommit: (value: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {t('percorso.tappe.data')}
      </label>
      <input
        id={id}
        className="form-control"
        type="date"
        value={value}
        readOnly={readOnly}
        onChange={(event) => {
          if (ISO_DATE.test(event.target.value)) onCommit(event.target.value);
        }}
      />
    </div>
  );
}
